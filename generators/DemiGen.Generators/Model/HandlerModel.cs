namespace DemiGen.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one handler's coroutine: names and types as <c>global::</c>-qualified
/// strings, the lowered body as plain data. No symbols, syntax nodes or locations, so it compares by value.
/// <see cref="LibOSParameterIsContext"/>: the libOS parameter is never written in the body, so the coroutine
/// reads it from its task context (the libOS that runs it is that parameter) instead of storing it.
/// </summary>
internal sealed record HandlerModel(
    string HintName,
    string FilePath,
    bool NullableEnabled,
    EquatableArray<string> Usings,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string MethodName,
    string CoroutineName,
    string TypeParameterList,
    EquatableArray<string> ConstraintClauses,
    string? ResultType,
    string? ReceiverType,
    bool ReceiverIsValueType,
    string StartParameterList,
    string? LibOSParameter,
    bool LibOSParameterIsContext,
    EquatableArray<FieldModel> Parameters,
    EquatableArray<FieldModel> Fields,
    EquatableArray<DispatchEntry> Dispatch,
    EquatableArray<LoweredOp> Body)
{
    /// <summary>The coroutine struct as a type: its name, with its type parameters when the handler is generic.</summary>
    public string CoroutineType => CoroutineName + TypeParameterList;

    /// <summary>The coroutine's fully qualified type (open over its type parameters), for interceptors and child calls.</summary>
    public string CoroutineFullName
    {
        get
        {
            string prefix = Namespace is null ? "global::" : "global::" + Namespace + ".";
            foreach (ContainingTypeModel type in ContainingTypes)
            {
                prefix += type.Name + ".";
            }

            return prefix + CoroutineType;
        }
    }
}

/// <summary>One enclosing partial type declaration (outermost first).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name, bool IsStatic);

/// <summary>A field of the coroutine struct: a parameter, a hoisted local, a spill temporary or an awaiter.</summary>
internal sealed record FieldModel(string Name, string Type);

/// <summary>A resume state and the label the dispatch jumps to for it (a resume point or a try region's entry).</summary>
internal sealed record DispatchEntry(int State, string Label);
