namespace DemiGen.Analyzers.Tests.Infrastructure;

/// <summary>Wraps statements in a handler so each test shows only the lines it is about.</summary>
internal static class Code
{
    public static string InHandler(string body, string members = "") => $$"""
        static partial class Handlers
        {
            [DemiHandler]
            public static async DemiTask Serve(LibOS os, QDesc qd)
            {
        {{body}}
            }
        {{members}}
        }
        """;

    public static string InMethod(string body, string members = "") => $$"""
        static class Plain
        {
            public static void Run(LibOS os, QDesc qd)
            {
        {{body}}
            }
        {{members}}
        }
        """;
}
