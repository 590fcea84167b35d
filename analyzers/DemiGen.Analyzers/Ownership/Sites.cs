using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace DemiGen.Analyzers.Ownership;

/// <summary>The sites of one method (and its lambdas), numbered in the order they are first met.</summary>
internal sealed class Sites
{
    private readonly Dictionary<object, Site> byKey = new();
    private readonly List<Site> byIndex = new();

    public Site this[int index] => byIndex[index];

    public Site ForOperation(IOperation operation, bool isToken, bool obligated, bool popGivesBuffer) =>
        Get(operation, () => operation.Syntax.GetLocation(), isToken, obligated, popGivesBuffer);

    public Site ForParameter(IParameterSymbol parameter, bool obligated) =>
        Get(parameter, () => parameter.Locations[0], isToken: false, obligated, popGivesBuffer: false);

    private Site Get(object key, System.Func<Location> location, bool isToken, bool obligated, bool popGivesBuffer)
    {
        if (!byKey.TryGetValue(key, out var site))
        {
            site = new Site(byIndex.Count, location(), isToken, obligated, popGivesBuffer);
            byKey[key] = site;
            byIndex.Add(site);
        }

        return site;
    }
}
