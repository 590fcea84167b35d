namespace DemiKV.Tests.Support;

/// <summary>Tests that start servers and talk TCP run one at a time, to stay light on a shared machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetworkCollection
{
    public const string Name = "network";
}
