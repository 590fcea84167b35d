using DemiGen.Analyzers.Tests.Infrastructure;
using Verify = DemiGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<DemiGen.Analyzers.BlockingCallAnalyzer>;

namespace DemiGen.Analyzers.Tests;

public class BlockingCallTests
{
    [Fact]
    public Task Sleeping_in_a_handler_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        {|DEMI005:Thread.Sleep(10)|};
        await os.CloseAsync(qd);
        """));

    [Fact]
    public Task Waiting_on_tasks_and_results_in_a_handler_is_reported() => Verify.VerifyAsync(Code.InHandler("""
        Task<int> work = Task.FromResult(1);
        {|DEMI005:work.Wait()|};
        int a = {|DEMI005:work.Result|};
        int b = {|DEMI005:work.GetAwaiter().GetResult()|};
        {|DEMI005:Task.Delay(5).Wait()|};
        await os.CloseAsync(qd);
        """));

    [Fact]
    public Task Locks_monitors_and_libos_waits_in_a_handler_are_reported() => Verify.VerifyAsync(Code.InHandler("""
        {|DEMI005:lock|} (Gate)
        {
            Console.WriteLine("held");
        }

        {|DEMI005:Monitor.Enter(Gate)|};
        Monitor.Exit(Gate);
        QResult closed = {|DEMI005:os.Wait(os.Close(qd))|};
        """, "static readonly object Gate = new();"));

    [Fact]
    public Task Synchronous_socket_stream_and_file_io_in_a_handler_are_reported() => Verify.VerifyAsync(Code.InHandler("""
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        {|DEMI005:socket.Send(new byte[1])|};
        using var stream = new System.IO.MemoryStream();
        {|DEMI005:stream.Write(new byte[1], 0, 1)|};
        string text = {|DEMI005:System.IO.File.ReadAllText("x")|};
        await os.CloseAsync(qd);
        """));

    [Fact]
    public Task The_same_calls_outside_handlers_and_in_lambdas_are_not_reported() => Verify.VerifyAsync(Code.InHandler("""
        Action later = () => Thread.Sleep(1);
        await os.DelayAsync(TimeSpan.FromMilliseconds(1));
        await System.IO.File.ReadAllTextAsync("x");
        """, """
            static void NotAHandler() => Thread.Sleep(1);
        """));
}
