using BenchmarkDotNet.Running;
using DemiGen.Benchmarks;

if (args is ["memory", ..])
{
    SuspendedCoroutineMemoryProbe.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
    return;
}

if (args is ["handler-memory", ..])
{
    SuspendedHandlerMemoryProbe.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
    return;
}

if (args is ["handler-probe", ..])
{
    HandlerTimingProbe.Run(args.Length > 1 ? int.Parse(args[1]) : 25, args.Length > 2 ? args[2] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
