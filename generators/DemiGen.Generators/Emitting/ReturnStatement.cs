namespace DemiGen.Generators.Emitting;

/// <summary>The statement that ends a coroutine, written by the body writer and by lowered jumps alike.</summary>
internal static class ReturnStatement
{
    /// <summary>
    /// Returns Done, or DoneWith the handler's result: a small value travels in the step, so the scheduler stores it
    /// without the coroutine looking up its token. No state store: nothing reads a finished coroutine's state.
    /// </summary>
    public static string For(string? resultType, string? value) => value is null
        ? "return global::DemiGen.CoroutineStep.Done;"
        : $"return global::DemiGen.CoroutineStep.DoneWith<{resultType}>({value}, in __context);";
}
