using DemiGen.Analyzers.CodeFixes;
using DemiGen.Analyzers.Tests.Infrastructure;

namespace DemiGen.Analyzers.Tests;

public class CodeFixTests
{
    [Fact]
    public Task A_dropped_awaitable_gets_awaited() => CodeFixVerifier<OwnershipAnalyzer, AddAwaitCodeFix>.VerifyAsync(
        Code.InHandler("""
                await os.YieldAsync();
                {|DEMI004:os.CloseAsync(qd)|};
        """),
        Code.InHandler("""
                await os.YieldAsync();
                await os.CloseAsync(qd);
        """));

    [Fact]
    public Task A_stored_token_is_not_offered_an_await() => CodeFixVerifier<OwnershipAnalyzer, AddAwaitCodeFix>.VerifyAsync(
        Code.InMethod("""
                QToken close = {|DEMI004:os.Close(qd)|};
        """),
        Code.InMethod("""
                QToken close = {|DEMI004:os.Close(qd)|};
        """));

    [Fact]
    public Task A_leaked_pop_gets_freed_before_the_end_of_its_loop_body() => CodeFixVerifier<OwnershipAnalyzer, AddSgaFreeCodeFix>.VerifyAsync(
        Code.InHandler("""
                while (true)
                {
                    Sga data = await {|DEMI002:os.PopAsync(qd)|};
                    if (data.IsEmpty) break;
                    await os.PushAsync(qd, data);
                }
        """),
        Code.InHandler("""
                while (true)
                {
                    Sga data = await os.PopAsync(qd);
                    if (data.IsEmpty) break;
                    await os.PushAsync(qd, data);
                    os.SgaFree(data);
                }
        """));

    [Fact]
    public Task A_leaked_allocation_gets_freed_before_the_closing_return() => CodeFixVerifier<OwnershipAnalyzer, AddSgaFreeCodeFix>.VerifyAsync(
        Code.InMethod("""
                Sga sga = {|DEMI002:os.SgaAlloc(8)|};
                sga.Span[0] = 1;
                return;
        """),
        Code.InMethod("""
                Sga sga = os.SgaAlloc(8);
                sga.Span[0] = 1;
                os.SgaFree(sga);
                return;
        """));

    [Fact]
    public Task Thread_sleep_becomes_delay_async() => CodeFixVerifier<BlockingCallAnalyzer, UseDelayAsyncCodeFix>.VerifyAsync(
        Code.InHandler("""
                {|DEMI005:Thread.Sleep(100)|};
                await os.CloseAsync(qd);
        """),
        Code.InHandler("""
                await os.DelayAsync(TimeSpan.FromMilliseconds(100));
                await os.CloseAsync(qd);
        """));

    [Fact]
    public Task Task_delay_wait_with_a_timespan_becomes_delay_async() => CodeFixVerifier<BlockingCallAnalyzer, UseDelayAsyncCodeFix>.VerifyAsync(
        Code.InHandler("""
                TimeSpan pause = TimeSpan.FromSeconds(1);
                {|DEMI005:Task.Delay(pause).Wait()|};
        """),
        Code.InHandler("""
                TimeSpan pause = TimeSpan.FromSeconds(1);
                await os.DelayAsync(pause);
        """));

    [Fact]
    public Task A_lock_gets_no_delay_fix() => CodeFixVerifier<BlockingCallAnalyzer, UseDelayAsyncCodeFix>.VerifyAsync(
        Code.InHandler("""
                {|DEMI005:lock|} (qd.GetType()) { }
                await os.CloseAsync(qd);
        """),
        Code.InHandler("""
                {|DEMI005:lock|} (qd.GetType()) { }
                await os.CloseAsync(qd);
        """));

    [Fact]
    public Task An_access_while_lent_moves_after_the_await_of_the_push() => CodeFixVerifier<OwnershipAnalyzer, MoveAfterAwaitCodeFix>.VerifyAsync(
        Code.InHandler("""
                Sga sga = os.SgaAlloc(8);
                DemiOperation push = os.PushAsync(qd, sga);
                {|DEMI001:sga|}.Span[0] = 1;
                await push;
                os.SgaFree(sga);
        """),
        Code.InHandler("""
                Sga sga = os.SgaAlloc(8);
                DemiOperation push = os.PushAsync(qd, sga);
                await push;
                sga.Span[0] = 1;
                os.SgaFree(sga);
        """));

    [Fact]
    public Task A_free_while_lent_moves_after_the_wait_of_the_push() => CodeFixVerifier<OwnershipAnalyzer, MoveAfterAwaitCodeFix>.VerifyAsync(
        Code.InMethod("""
                Sga sga = os.SgaAlloc(8);
                QToken push = os.Push(qd, sga);
                os.SgaFree({|DEMI001:sga|});
                os.Wait(push);
        """),
        Code.InMethod("""
                Sga sga = os.SgaAlloc(8);
                QToken push = os.Push(qd, sga);
                os.Wait(push);
                os.SgaFree(sga);
        """));
}
