namespace DemiGen;

/// <summary>
/// Marks an <c>async DemiTask</c> method in a partial type as a handler: the source generator lowers it into an
/// allocation-free struct coroutine that the libOS scheduler runs, and the analyzers check its buffer ownership.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DemiHandlerAttribute : Attribute
{
}
