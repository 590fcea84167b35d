namespace DemiGen.Analyzers.Tests.Infrastructure;

/// <summary>The repository the tests run from (the folder holding DemiGen.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DemiGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DemiGen.sln not found above " + AppContext.BaseDirectory);
    }
}
