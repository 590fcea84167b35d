using DemiGen.Analyzers.Tests.Infrastructure;
using Verify = DemiGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<DemiGen.Analyzers.OwnershipAnalyzer>;

namespace DemiGen.Analyzers.Tests;

public class TokenTests
{
    [Fact]
    public Task A_discarded_awaitable_is_a_lost_io() => Verify.VerifyAsync(Code.InHandler("""
        {|DEMI004:os.CloseAsync(qd)|};
        """));

    [Fact]
    public Task A_token_kept_in_a_local_but_never_waited_is_lost() => Verify.VerifyAsync(Code.InMethod("""
        QToken accept = {|DEMI004:os.Accept(qd)|};
        Console.WriteLine("accepting");
        """));

    [Fact]
    public Task Awaiting_an_operation_twice_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        DemiOperation close = os.CloseAsync(qd);
        await close;
        await {|DEMI004:close|};
        """));

    [Fact]
    public Task A_token_waited_on_one_branch_only_is_a_maybe() => Verify.VerifyAsync(Code.InMethod("""
        QToken close = {|DEMI104:os.Close(qd)|};
        if (DateTime.Now.Ticks % 2 == 0)
        {
            os.Wait(close);
        }
        """));

    [Fact]
    public Task A_discarded_handler_task_is_lost() => Verify.VerifyAsync(Code.InHandler("""
        {|DEMI004:Other(os, qd)|};
        """, "static async DemiTask Other(LibOS os, QDesc qd) => await os.CloseAsync(qd);"));

    [Fact]
    public Task Awaited_waited_spawned_or_returned_tokens_are_clean() => Verify.VerifyAsync(Code.InHandler("""
        await os.DelayAsync(TimeSpan.FromMilliseconds(1));
        DemiOperation connect = os.ConnectAsync(qd, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1));
        QResult connected = await connect;
        os.Spawn(Other(os, qd));
        DemiOperation close = Close(os, qd);
        await close;
        """, """
            static async DemiTask Other(LibOS os, QDesc qd) => await os.YieldAsync();
            static DemiOperation Close(LibOS os, QDesc qd) => os.CloseAsync(qd);
        """));

    [Fact]
    public Task A_WhenAny_race_with_its_loser_cancelled_or_awaited_later_is_clean() => Verify.VerifyAsync(Code.InHandler("""
        DemiOperation pop = os.PopAsync(qd);
        DemiOperation timer = os.DelayAsync(TimeSpan.FromSeconds(1));
        WhenAnyResult won = await os.WhenAnyAsync(pop, timer);
        if (won.Index == 0)
        {
            os.SgaFree(won.Result.Sga);
            os.CancelDelay(timer);
        }
        else
        {
            Sga late = await pop;
            os.SgaFree(late);
        }

        await os.WhenAnyAsync(new[] { os.Close(qd) });
        """));

    [Fact]
    public Task A_WhenAny_that_is_never_awaited_is_a_lost_io() => Verify.VerifyAsync(Code.InHandler("""
        WhenAnyOperation race = {|DEMI004:os.WhenAnyAsync(os.DelayAsync(TimeSpan.FromSeconds(1)), os.DelayAsync(TimeSpan.FromSeconds(2)))|};
        Console.WriteLine(race.Count);
        """));

    [Fact]
    public Task Awaiting_a_WhenAny_twice_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        WhenAnyOperation race = os.WhenAnyAsync(os.DelayAsync(TimeSpan.FromSeconds(1)), os.DelayAsync(TimeSpan.FromSeconds(2)));
        await race;
        await {|DEMI004:race|};
        """));
}
