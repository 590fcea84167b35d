using DemiGen.Analyzers.Tests.Infrastructure;
using Verify = DemiGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<DemiGen.Analyzers.OwnershipAnalyzer>;

namespace DemiGen.Analyzers.Tests;

public class UseAfterFreeTests
{
    [Fact]
    public Task Reading_after_free_is_reported() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        os.SgaFree(sga);
        byte first = {|DEMI003:sga|}.Span[0];
        """));

    [Fact]
    public Task Freeing_twice_through_an_alias_is_reported() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        Sga copy = sga;
        os.SgaFree(sga);
        os.SgaFree({|DEMI003:copy|});
        """));

    [Fact]
    public Task Use_after_a_free_on_one_branch_is_a_maybe() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        if (sga.Length > 4)
        {
            os.SgaFree(sga);
        }

        {|DEMI103:sga|}.Span[0] = 1;
        os.SgaFree({|DEMI103:sga|});
        """));

    [Fact]
    public Task Pushing_a_freed_parameter_is_reported() => Verify.VerifyAsync("""
        static class Sender
        {
            public static async DemiTask Send(LibOS os, QDesc qd, Sga sga)
            {
                os.SgaFree(sga);
                await os.PushAsync(qd, {|DEMI003:sga|});
            }
        }
        """);

    [Fact]
    public Task A_fresh_buffer_each_loop_iteration_is_not_a_use_after_free() => Verify.VerifyAsync(Code.InMethod("""
        for (int i = 0; i < 3; i++)
        {
            Sga sga = os.SgaAlloc(8);
            sga.Span[0] = (byte)i;
            os.SgaFree(sga);
        }
        """));
}
