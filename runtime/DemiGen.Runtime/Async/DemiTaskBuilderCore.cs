using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace DemiGen;

/// <summary>What the DemiTask builders share: the libOS, the completion token and the pooled state-machine box.</summary>
internal struct DemiTaskBuilderCore
{
    private LibOS? os;
    private QToken token;
    private object? box;
    private Action? returnBox;

    internal LibOS OS => os ?? throw new InvalidOperationException("The builder has no libOS yet.");

    internal QToken Token => token;

    internal void EnsureToken()
    {
        if (os is not null)
        {
            return;
        }

        os = LibOS.Current ?? throw new DemiUsageException("An async DemiTask method ran on a thread with no LibOS; create a LibOS on this thread first.");
        token = os.Tokens.Allocate(DemiOpcode.Task, default);
    }

    internal void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine
    {
        EnsureToken();
        StateMachineBox<TStateMachine> machine = GetBox(ref stateMachine);
        if (awaiter is IDemiAwaiter)
        {
            awaiter.UnsafeOnCompleted(machine.MoveNextAction);
        }
        else
        {
            os!.Scheduler.OutstandingForeignAwaits++;
            awaiter.UnsafeOnCompleted(machine.PostAction);
        }
    }

    /// <summary>An awaiter that is not ICriticalNotifyCompletion: none of DemiGen's; accepted only if it also is one.</summary>
    internal void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine
    {
        if (awaiter is not ICriticalNotifyCompletion critical)
        {
            throw new NotSupportedException($"async DemiTask methods can await only awaiters that implement ICriticalNotifyCompletion; {typeof(TAwaiter)} does not.");
        }

        AwaitUnsafeOnCompleted(ref critical, ref stateMachine);
    }

    internal void SetResult<T>(T value)
    {
        EnsureToken();
        os!.Tokens.SetValue(token, value);
        Complete(null);
    }

    internal void SetResult() => Complete(null);

    internal void SetException(Exception exception) => Complete(ExceptionDispatchInfo.Capture(exception));

    private void Complete(ExceptionDispatchInfo? failure)
    {
        EnsureToken();
        Action? release = returnBox;
        os!.Tokens.Complete(token.Index, token.Generation, DemiOpcode.Task, failure is null ? DemiError.None : DemiError.EIO, reference: failure);
        release?.Invoke();
    }

    private StateMachineBox<TStateMachine> GetBox<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        if (box is StateMachineBox<TStateMachine> existing)
        {
            return existing;
        }

        StateMachineBox<TStateMachine> rented = StateMachineBox<TStateMachine>.Rent(os!);
        box = rented;
        returnBox = rented.ReturnAction;
        rented.StateMachine = stateMachine;
        return rented;
    }
}
