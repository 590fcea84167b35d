using DemiGen.Analyzers.Tests.Infrastructure;
using Verify = DemiGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<DemiGen.Analyzers.OwnershipAnalyzer>;

namespace DemiGen.Analyzers.Tests;

public class UseWhileLentTests
{
    [Fact]
    public Task Writing_a_buffer_before_its_push_is_awaited_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        Sga sga = os.SgaAlloc(8);
        DemiOperation push = os.PushAsync(qd, sga);
        {|DEMI001:sga|}.Span[0] = 1;
        await push;
        os.SgaFree(sga);
        """));

    [Fact]
    public Task Freeing_a_buffer_while_its_push_is_pending_is_reported() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        os.SgaFree({|DEMI001:sga|});
        os.Wait(push);
        """));

    [Fact]
    public Task Pushing_an_alias_again_while_lent_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        Sga sga = os.SgaAlloc(8);
        Sga alias = sga;
        DemiOperation first = os.PushAsync(qd, sga);
        DemiOperation second = os.PushAsync(qd, {|DEMI001:alias|});
        await first;
        await second;
        os.SgaFree(sga);
        """));

    [Fact]
    public Task Passing_a_lent_buffer_to_a_helper_is_reported() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        Inspect({|DEMI001:sga|});
        os.Wait(push);
        os.SgaFree(sga);
        """, "static void Inspect(Sga sga) { }"));

    [Fact]
    public Task Access_after_a_wait_that_may_time_out_is_a_maybe() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        QResult result = os.Wait(push, TimeSpan.FromMilliseconds(5));
        {|DEMI101:sga|}.Span[0] = 1;
        os.Wait(push);
        os.SgaFree(sga);
        """));

    [Fact]
    public Task Length_while_lent_and_access_after_await_or_wait_are_fine() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        int length = sga.Length;
        os.Wait(push);
        sga.Span[0] = 1;
        QToken again = os.Push(qd, sga);
        os.Wait(again);
        sga.Span[0] = 2;
        os.SgaFree(sga);
        """));

    [Fact]
    public Task WaitAny_over_the_push_token_ends_the_loan() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        os.WaitAny([push], out QResult result);
        sga.Span[0] = 1;
        os.SgaFree(sga);
        """));

    [Fact]
    public Task Seeing_the_operation_complete_ends_the_loan() => Verify.VerifyAsync(Code.InHandler("""
        Sga sga = os.SgaAlloc(8);
        DemiOperation push = os.PushAsync(qd, sga);
        if (push.IsCompleted)
        {
            sga.Span[0] = 1;
        }

        await push;
        os.SgaFree(sga);
        """));
}
