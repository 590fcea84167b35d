using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// The token table's usage errors, kept out of line: the checks sit on every await's path, and building the
/// message inline would give each of those callers a larger stack frame.
/// </summary>
internal static class TokenErrors
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static ref T ThrowUnknown<T>(QToken qt, string operation) => throw Unknown(qt, operation);

    internal static DemiUsageException Unknown(QToken qt, string operation) =>
        new($"{operation}: {qt} is unknown or was already consumed (a token's result is taken exactly once).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowNotCompleted(QToken qt) =>
        throw new DemiUsageException($"{qt} has not completed yet; await or wait for it before reading its result.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowTaskNotFinished(QToken qt) =>
        throw new DemiUsageException($"{qt} (a DemiTask) has not finished yet; await it instead of reading its result.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowAlreadyAwaited(QToken qt, int waiter) => throw AlreadyAwaited(qt, waiter);

    internal static DemiUsageException AlreadyAwaited(QToken qt, int waiter) =>
        new($"{qt} already has a waiter ({DescribeWaiter(waiter)}); a token is awaited or waited exactly once.");

    private static string DescribeWaiter(int waiter) => waiter switch
    {
        >= 0 => $"coroutine task {waiter}",
        TokenTable.ExternalWaiter => "a Wait/WaitAny call",
        TokenTable.ContinuationWaiter => "an await in async code",
        <= TokenTable.WhenAnyWaiterBase => "a WhenAny",
        _ => "a spawned task with no awaiter",
    };
}
