namespace DemiGen.Generators.Model;

/// <summary>
/// One call to a handler that the generated interceptor redirects to the handler's coroutine. An instance handler's
/// <see cref="ReceiverType"/> is the interceptor's <c>this</c> parameter type, with <c>ref</c> or <c>in</c> for a struct.
/// </summary>
internal sealed record InterceptorModel(
    int Version,
    string Data,
    string CoroutineFullName,
    string TypeParameterList,
    EquatableArray<string> ConstraintClauses,
    string ReturnType,
    string? ReceiverType,
    EquatableArray<FieldModel> Parameters);
