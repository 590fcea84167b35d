namespace DemiGen.Generators.Model;

/// <summary>One call to a handler that the generated interceptor redirects to the handler's coroutine.</summary>
internal sealed record InterceptorModel(
    int Version,
    string Data,
    string CoroutineFullName,
    string TypeParameterList,
    EquatableArray<string> ConstraintClauses,
    string ReturnType,
    string? ReceiverType,
    EquatableArray<FieldModel> Parameters);
