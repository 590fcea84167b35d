using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Analyzers;

internal static class CompileErrors
{
    /// <summary>True when the code does not compile: the analyzers stay quiet and let the compiler speak.</summary>
    public static bool In(IOperation operation) => operation.Descendants().Any(o => o.Kind == OperationKind.Invalid);
}
