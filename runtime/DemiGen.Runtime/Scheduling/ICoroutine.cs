namespace DemiGen;

/// <summary>
/// The contract a coroutine implements: a struct state machine that the scheduler stores in a per-type slab and
/// resumes in place. The source generator emits one per <c>[DemiHandler]</c>; it can also be written by hand.
/// </summary>
public interface ICoroutine
{
    /// <summary>Runs until the next suspension point and says why it stopped.</summary>
    /// <param name="context">The task being run; use it to set the result before returning <see cref="CoroutineStep.Done"/>.</param>
    CoroutineStep MoveNext(in TaskContext context);
}
