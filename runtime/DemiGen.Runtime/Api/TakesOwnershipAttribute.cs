namespace DemiGen;

/// <summary>
/// On an <see cref="Sga"/> parameter: the method takes ownership of the buffer (it frees it or hands it on), so
/// the caller's copy is dead after the call. Without it, passing an Sga to a method is a borrow.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class TakesOwnershipAttribute : Attribute
{
}
