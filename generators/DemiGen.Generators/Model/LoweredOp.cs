namespace DemiGen.Generators.Model;

/// <summary>One step of a lowered handler body: flat code, labels and jumps, awaits, returns and try regions.</summary>
internal abstract record LoweredOp;

/// <summary>User code with no await, already rewritten; <paramref name="Line"/> is its 1-based source line (0: generated).</summary>
internal sealed record CodeOp(string Text, int Line) : LoweredOp;

/// <summary>A jump target.</summary>
internal sealed record LabelOp(string Label) : LoweredOp;

/// <summary>An unconditional jump.</summary>
internal sealed record GotoOp(string Label) : LoweredOp;

/// <summary>Jumps to <paramref name="Label"/> when <paramref name="Condition"/> equals <paramref name="WhenTrue"/>.</summary>
internal sealed record BranchOp(string Condition, bool WhenTrue, string Label, int Line) : LoweredOp;

/// <summary>
/// Awaits <paramref name="Awaitable"/>: stores it in <paramref name="AwaiterField"/>, suspends with state
/// <paramref name="State"/> unless it completed, and on resume writes <paramref name="ResultForm"/> with <c>{0}</c>
/// replaced by the result (null: the result is consumed and dropped). A yield has no awaiter field.
/// </summary>
internal sealed record AwaitOp(int State, string? AwaiterField, string Awaitable, string? ResultForm, int Line) : LoweredOp;

/// <summary>Finishes the coroutine, setting <paramref name="Value"/> as the result when there is one.</summary>
internal sealed record ReturnOp(string? Value, int Line) : LoweredOp;

/// <summary>
/// A <c>try</c> whose block holds awaits: the block re-dispatches to its resume points, and the finally code runs
/// only when the coroutine is not suspending.
/// </summary>
internal sealed record TryOp(
    string EntryLabel,
    EquatableArray<DispatchEntry> Dispatch,
    EquatableArray<LoweredOp> Body,
    EquatableArray<CodeOp> Catches,
    CodeOp? Finally) : LoweredOp;
