using DemiGen.Analyzers.Tests.Infrastructure;
using Verify = DemiGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<DemiGen.Analyzers.OwnershipAnalyzer>;

namespace DemiGen.Analyzers.Tests;

public class LeakTests
{
    [Fact]
    public Task An_allocation_never_freed_is_reported_at_the_allocation() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = {|DEMI002:os.SgaAlloc(8)|};
        sga.Span[0] = 1;
        """));

    [Fact]
    public Task A_clone_never_freed_is_reported_at_the_clone() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        Sga clone = {|DEMI002:os.SgaClone(sga)|};
        os.SgaFree(sga);
        clone.Span[0] = 1;
        """));

    [Fact]
    public Task A_clone_pushed_and_freed_beside_its_original_is_clean() => Verify.VerifyAsync(Code.InHandler("""
        Sga value = os.SgaAlloc(8);
        Sga clone = os.SgaClone(value);
        await os.PushAsync(qd, clone);
        os.SgaFree(clone);
        os.SgaFree(value);
        """));

    [Fact]
    public Task A_popped_buffer_never_freed_is_reported_at_the_pop() => Verify.VerifyAsync(Code.InHandler("""
        Sga data = await {|DEMI002:os.PopAsync(qd)|};
        if (data.IsEmpty)
        {
            return;
        }

        data.Span[0] = 1;
        """));

    [Fact]
    public Task A_popped_buffer_lost_in_a_loop_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        while (true)
        {
            Sga data = await {|DEMI002:os.PopAsync(qd)|};
            if (data.IsEmpty)
            {
                break;
            }

            await os.PushAsync(qd, data);
        }
        """));

    [Fact]
    public Task An_early_return_that_skips_the_free_is_a_maybe() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = {|DEMI102:os.SgaAlloc(8)|};
        if (sga.Span[0] == 0)
        {
            return;
        }

        os.SgaFree(sga);
        """));

    [Fact]
    public Task The_echo_loop_of_the_design_is_clean() => Verify.VerifyAsync(Code.InHandler("""
        while (true)
        {
            Sga data = await os.PopAsync(qd);
            if (data.IsEmpty) break;
            await os.PushAsync(qd, data);
            os.SgaFree(data);
        }

        await os.CloseAsync(qd);
        """));

    [Fact]
    public Task Freeing_in_finally_returning_or_handing_on_are_clean() => Verify.VerifyAsync(Code.InMethod("""
        Sga first = os.SgaAlloc(8);
        try
        {
            first.Span[0] = 1;
        }
        finally
        {
            os.SgaFree(first);
        }

        Sga second = os.SgaAlloc(8);
        Consume(os, second);
        Keep = Make(os);
        """, """
            static Sga Keep;
            static void Consume(LibOS os, [TakesOwnership] Sga sga) => os.SgaFree(sga);
            static Sga Make(LibOS os)
            {
                Sga made = os.SgaAlloc(4);
                return made;
            }
        """));

    [Fact]
    public Task A_wait_on_a_pop_token_gives_an_owned_buffer_through_the_result() => Verify.VerifyAsync(Code.InMethod("""
        QToken pop = os.Pop(qd);
        QResult result = os.Wait(pop);
        if (result.Failed)
        {
            return;
        }

        Sga data = result.Sga;
        os.SgaFree(data);
        """));

    [Fact]
    public Task A_TakesOwnership_parameter_must_be_freed() => Verify.VerifyAsync("""
        static class Sink
        {
            public static void Drop(LibOS os, [TakesOwnership] Sga {|DEMI002:sga|})
            {
                sga.Span[0] = 1;
            }
        }
        """);
}
