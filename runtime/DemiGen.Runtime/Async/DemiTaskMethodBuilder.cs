using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// Builds <see cref="DemiTask"/> for <c>async DemiTask</c> methods the C# compiler lowers (the compatibility path):
/// the body runs synchronously until its first suspension, continuations run on the libOS thread, and the
/// state-machine box is pooled.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct DemiTaskMethodBuilder
{
    private DemiTaskBuilderCore core;

    /// <summary>Creates a builder.</summary>
    public static DemiTaskMethodBuilder Create() => default;

    /// <summary>The method's task.</summary>
    public DemiTask Task
    {
        get
        {
            core.EnsureToken();
            return new DemiTask(core.OS, core.Token);
        }
    }

    /// <summary>Runs the body until its first suspension.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    /// <summary>Not used: boxing is done by the builder.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Completes the task.</summary>
    public void SetResult() => core.SetResult();

    /// <summary>Fails the task; awaiting it rethrows.</summary>
    public void SetException(Exception exception) => core.SetException(exception);

    /// <summary>Suspends on an awaiter.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine => core.AwaitOnCompleted(ref awaiter, ref stateMachine);

    /// <summary>Suspends on an awaiter.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine => core.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
}

/// <summary>Builds <see cref="DemiTask{T}"/> for <c>async DemiTask&lt;T&gt;</c> methods (the compatibility path).</summary>
/// <typeparam name="T">The task's value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct DemiTaskMethodBuilder<T>
{
    private DemiTaskBuilderCore core;

    /// <summary>Creates a builder.</summary>
    public static DemiTaskMethodBuilder<T> Create() => default;

    /// <summary>The method's task.</summary>
    public DemiTask<T> Task
    {
        get
        {
            core.EnsureToken();
            return new DemiTask<T>(core.OS, core.Token);
        }
    }

    /// <summary>Runs the body until its first suspension.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    /// <summary>Not used: boxing is done by the builder.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Completes the task with its value.</summary>
    public void SetResult(T result) => core.SetResult(result);

    /// <summary>Fails the task; awaiting it rethrows.</summary>
    public void SetException(Exception exception) => core.SetException(exception);

    /// <summary>Suspends on an awaiter.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine => core.AwaitOnCompleted(ref awaiter, ref stateMachine);

    /// <summary>Suspends on an awaiter.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine => core.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
}
