using System.Runtime.CompilerServices;

namespace DemiGen.Runtime.Tests;

/// <summary>Hand-written coroutines that pin down the contract generated code implements.</summary>
internal struct ForwardCoroutine : ICoroutine
{
    private readonly QDesc from;
    private readonly QDesc to;
    private readonly int count;
    private int state;
    private int forwarded;
    private DemiOperation pending;
    private Sga data;

    public ForwardCoroutine(QDesc from, QDesc to, int count)
    {
        this.from = from;
        this.to = to;
        this.count = count;
    }

    public CoroutineStep MoveNext(in TaskContext context)
    {
        LibOS os = context.OS;
        while (true)
        {
            switch (state)
            {
                case 0:
                    if (forwarded == count)
                    {
                        context.SetResult(forwarded);
                        return CoroutineStep.Done;
                    }

                    pending = os.PopAsync(from);
                    state = 1;
                    if (!pending.IsCompleted)
                    {
                        return CoroutineStep.Pending(pending.Token);
                    }

                    goto case 1;
                case 1:
                    data = pending.GetResult();
                    pending = os.PushAsync(to, data);
                    state = 2;
                    if (!pending.IsCompleted)
                    {
                        return CoroutineStep.Pending(pending.Token);
                    }

                    goto case 2;
                case 2:
                    pending.GetResult();
                    os.SgaFree(data);
                    forwarded++;
                    state = 0;
                    continue;
            }
        }
    }
}

/// <summary>Yields <c>rounds</c> times, logging each resumption.</summary>
internal struct YieldingCoroutine(string name, int rounds, List<string> log) : ICoroutine
{
    private int done;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        log.Add($"{name}{done}");
        return ++done > rounds ? CoroutineStep.Done : CoroutineStep.Yield;
    }
}

/// <summary>Waits for a delay, then finishes with a value.</summary>
internal struct DelayedValueCoroutine(TimeSpan delay, string value) : ICoroutine
{
    private DemiOperation timer;
    private bool waited;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        if (!waited)
        {
            waited = true;
            timer = context.OS.DelayAsync(delay);
            return CoroutineStep.Pending(timer.Token);
        }

        timer.GetResult();
        context.SetResult(value);
        return CoroutineStep.Done;
    }
}

/// <summary>Throws on its first step.</summary>
internal struct FailingCoroutine(string message) : ICoroutine
{
    public CoroutineStep MoveNext(in TaskContext context) => throw new InvalidOperationException(message);
}

/// <summary>Yields once, then throws.</summary>
internal struct FailingAfterYieldCoroutine(string message) : ICoroutine
{
    private bool yielded;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        if (yielded)
        {
            throw new InvalidOperationException(message);
        }

        yielded = true;
        return CoroutineStep.Yield;
    }
}

/// <summary>Waits on one token forever (until it completes); used to hold many live suspended coroutines.</summary>
internal struct ParkedCoroutine(QDesc queue, StrongBox<QToken>? awaited = null) : ICoroutine
{
    private DemiOperation pop;
    private bool started;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        if (!started)
        {
            started = true;
            pop = context.OS.PopAsync(queue);
            awaited?.Value = pop.Token;
            return CoroutineStep.Pending(pop.Token);
        }

        context.OS.SgaFree(pop.GetResult());
        return CoroutineStep.Done;
    }
}

/// <summary>Suspends on a token it was handed (which may be one it must not await), then finishes.</summary>
internal struct AwaitingTokenCoroutine(QToken token) : ICoroutine
{
    private bool started;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        if (started)
        {
            return CoroutineStep.Done;
        }

        started = true;
        return CoroutineStep.Pending(token);
    }
}

/// <summary>Yields once, then starts <c>children</c> yielding coroutines from inside its step: the run queue grows in the middle of a round.</summary>
internal struct SpawningCoroutine(int children, List<string> log) : ICoroutine
{
    private bool yielded;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        if (!yielded)
        {
            yielded = true;
            return CoroutineStep.Yield;
        }

        for (int i = 0; i < children; i++)
        {
            context.OS.Spawn(new YieldingCoroutine("k", 1, log));
        }

        return CoroutineStep.Done;
    }
}

/// <summary>Yields; on its next step starts a yielding child and yields again (alone in that round, the child ahead of it); then finishes.</summary>
internal struct StartingThenYieldingCoroutine(List<string> log) : ICoroutine
{
    private int step;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        switch (step++)
        {
            case 0:
                return CoroutineStep.Yield;
            case 1:
                log.Add("s0");
                context.OS.Spawn(new YieldingCoroutine("c", 1, log));
                return CoroutineStep.Yield;
            default:
                log.Add("s1");
                return CoroutineStep.Done;
        }
    }
}
