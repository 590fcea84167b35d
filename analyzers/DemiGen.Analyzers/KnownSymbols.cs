using Microsoft.CodeAnalysis;

namespace DemiGen.Analyzers;

/// <summary>The DemiGen and BCL types the analyzers recognise, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol libOS, INamedTypeSymbol sga)
    {
        LibOS = libOS;
        Sga = sga;
        QToken = compilation.GetTypeByMetadataName("DemiGen.QToken");
        QResult = compilation.GetTypeByMetadataName("DemiGen.QResult");
        DemiOperation = compilation.GetTypeByMetadataName("DemiGen.DemiOperation");
        WhenAnyOperation = compilation.GetTypeByMetadataName("DemiGen.WhenAnyOperation");
        DemiTask = compilation.GetTypeByMetadataName("DemiGen.DemiTask");
        DemiTaskOfT = compilation.GetTypeByMetadataName("DemiGen.DemiTask`1");
        TakesOwnership = compilation.GetTypeByMetadataName("DemiGen.TakesOwnershipAttribute");
        DemiHandler = compilation.GetTypeByMetadataName("DemiGen.DemiHandlerAttribute");
        Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
    }

    public INamedTypeSymbol LibOS { get; }
    public INamedTypeSymbol Sga { get; }
    public INamedTypeSymbol? QToken { get; }
    public INamedTypeSymbol? QResult { get; }
    public INamedTypeSymbol? DemiOperation { get; }
    public INamedTypeSymbol? WhenAnyOperation { get; }
    public INamedTypeSymbol? DemiTask { get; }
    public INamedTypeSymbol? DemiTaskOfT { get; }
    public INamedTypeSymbol? TakesOwnership { get; }
    public INamedTypeSymbol? DemiHandler { get; }
    public INamedTypeSymbol Enumerable { get; }

    /// <summary>Null when the compilation does not reference DemiGen: then the analyzers register nothing.</summary>
    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        var libOS = compilation.GetTypeByMetadataName("DemiGen.LibOS");
        var sga = compilation.GetTypeByMetadataName("DemiGen.Sga");
        return libOS is null || sga is null ? null : new KnownSymbols(compilation, libOS, sga);
    }

    public bool IsSga(ITypeSymbol? type) => Is(type, Sga);

    /// <summary>A value that carries a buffer: an Sga, or a QResult (whose Sga a pop gives).</summary>
    public bool CarriesBuffer(ITypeSymbol? type) => IsSga(type) || Is(type, QResult);

    /// <summary>A value that names an I/O completion: a QToken or a DemiGen awaitable.</summary>
    public bool CarriesToken(ITypeSymbol? type) => Is(type, QToken) || IsAwaitable(type);

    public bool IsAwaitable(ITypeSymbol? type) =>
        Is(type, DemiOperation) || Is(type, WhenAnyOperation) || Is(type, DemiTask) || Is(type?.OriginalDefinition, DemiTaskOfT);

    public bool IsDemiTask(ITypeSymbol? type) => Is(type, DemiTask) || Is(type?.OriginalDefinition, DemiTaskOfT);

    public bool IsQResult(ITypeSymbol? type) => Is(type, QResult);

    public bool IsLibOS(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, LibOS))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsCollection(ITypeSymbol? type) =>
        type is not null && type.SpecialType != SpecialType.System_String &&
        type.AllInterfaces.Contains(Enumerable, SymbolEqualityComparer.Default);

    public bool TakesOwnershipOf(IParameterSymbol? parameter)
    {
        if (parameter is null || TakesOwnership is null)
        {
            return false;
        }

        foreach (var attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, TakesOwnership))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsHandler(ISymbol symbol)
    {
        if (DemiHandler is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, DemiHandler))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);
}
