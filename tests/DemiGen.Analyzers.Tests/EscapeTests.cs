using DemiGen.Analyzers.Tests.Infrastructure;
using Verify = DemiGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<DemiGen.Analyzers.OwnershipAnalyzer>;

namespace DemiGen.Analyzers.Tests;

public class EscapeTests
{
    [Fact]
    public Task A_lent_buffer_stored_in_a_field_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        Sga sga = os.SgaAlloc(8);
        DemiOperation push = os.PushAsync(qd, sga);
        Last = {|DEMI006:sga|};
        await push;
        """, "static Sga Last;"));

    [Fact]
    public Task A_lent_buffer_captured_by_a_lambda_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        Sga sga = os.SgaAlloc(8);
        DemiOperation push = os.PushAsync(qd, sga);
        Func<int> length = {|DEMI006:() => sga.Length|};
        await push;
        Console.WriteLine(length());
        """));

    [Fact]
    public Task A_lent_buffer_added_to_a_collection_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        var pending = new List<Sga>();
        Sga sga = os.SgaAlloc(8);
        DemiOperation push = os.PushAsync(qd, sga);
        pending.Add({|DEMI006:sga|});
        await push;
        """));

    [Fact]
    public Task A_lent_buffer_passed_as_out_is_reported() => Verify.VerifyAsync(Code.InMethod("""
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        Swap(ref {|DEMI006:sga|});
        os.Wait(push);
        """, "static void Swap(ref Sga sga) { }"));

    [Fact]
    public Task An_owned_buffer_stored_after_the_push_completed_is_handed_on() => Verify.VerifyAsync(Code.InHandler("""
        Sga sga = os.SgaAlloc(8);
        await os.PushAsync(qd, sga);
        Last = sga;
        var later = new List<Sga> { os.SgaAlloc(4) };
        Action free = () => os.SgaFree(later[0]);
        free();
        """, "static Sga Last;"));
}
