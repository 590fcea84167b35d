using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// Holds a compiler-generated async state machine on the heap while it is suspended. Pooled per thread and per
/// state-machine type with its delegates cached, so the compatibility path allocates nothing in steady state.
/// </summary>
internal sealed class StateMachineBox<TStateMachine>
    where TStateMachine : IAsyncStateMachine
{
    private const int MaxPooled = 256;

    [ThreadStatic]
    private static Stack<StateMachineBox<TStateMachine>>? pool;

    private LibOS? os;

    private StateMachineBox()
    {
        MoveNextAction = MoveNext;
        PostAction = Post;
        ReturnAction = Return;
    }

    internal TStateMachine StateMachine = default!;

    /// <summary>Resumes the state machine; given to DemiGen awaiters, which run it on the libOS thread.</summary>
    internal Action MoveNextAction { get; }

    /// <summary>Posts the resumption back to the libOS thread; given to foreign awaiters (e.g. a Task) that complete elsewhere.</summary>
    internal Action PostAction { get; }

    /// <summary>Returns the box to the pool once its state machine has finished.</summary>
    internal Action ReturnAction { get; }

    internal static StateMachineBox<TStateMachine> Rent(LibOS os)
    {
        StateMachineBox<TStateMachine> box = pool is { Count: > 0 } p ? p.Pop() : new StateMachineBox<TStateMachine>();
        box.os = os;
        return box;
    }

    /// <summary>Returns the box to the pool; the state machine is finished and must not run again.</summary>
    private void Return()
    {
        StateMachine = default!;
        os = null;
        pool ??= new Stack<StateMachineBox<TStateMachine>>();
        if (pool.Count < MaxPooled)
        {
            pool.Push(this);
        }
    }

    private void MoveNext() => StateMachine.MoveNext();

    private void Post() => os!.PostFromAnyThread(MoveNextAction);
}
