using CsCheck;

namespace DemiGen.Generators.Tests.Differential;

/// <summary>
/// Random handler programs: nested loops, branches, switches, try/finally/catch, using, foreach, child handlers,
/// queue round trips, delays, yields, wait-any races, awaits in catch and finally blocks, conditional awaits
/// (&amp;&amp;, ||, ?:) and awaits in interpolated strings, pattern and out variables used across awaits, locals read
/// before an await in its own statement, spilled awaits, early returns and thrown exceptions. Every loop is bounded.
/// A <c>§</c> in a template becomes a random number of that template instance (names of its locals and log tags).
/// </summary>
internal static class RandomHandlers
{
    public const string Leaf = """
            [DemiHandler]
            public static async DemiTask<int> Leaf(LibOS os, int value)
            {
                Log("leaf " + value);
                if (value % 2 == 0)
                {
                    await os.YieldAsync();
                }

                if (value % 13 == 7)
                {
                    throw new InvalidOperationException("leaf " + value);
                }

                return value % 17;
            }
        """;

    public static Gen<string> Handler { get; } =
        Gen.Select(Block(2, inLoop: false), Gen.Int[0, 50], (body, seed) => $"{seed}|{body}");

    public static string Render(string generated, int index)
    {
        int separator = generated.IndexOf('|');
        string body = generated[(separator + 1)..];
        return $$"""
                [DemiHandler]
                public static async DemiTask<int> Random{{index}}(LibOS os, QDesc q)
                {
                    int a = {{generated[..separator]}}, b = 1;
                    {{body}}
                    return a * 31 + b;
                }
            """;
    }

    /// <summary>A pop raced against a delay; the pop may complete before the race. The loser is cancelled or awaited.</summary>
    private static string PopWithTimeout(int n) => $$"""
        {
        DemiOperation p§ = os.PopAsync(q);
        DemiOperation t§ = os.DelayAsync(TimeSpan.FromMilliseconds({{n % 3}}));
        if (a % 2 == 0) { Sga s§ = os.SgaAlloc(2); await os.PushAsync(q, s§); os.SgaFree(s§); }
        WhenAnyResult w§ = await os.WhenAnyAsync(p§, t§);
        Log("any§ " + w§.Index + " " + w§.Result.Opcode);
        if (w§.Index == 0) { os.SgaFree(w§.Result.Sga); os.CancelDelay(t§); }
        else { Sga u§ = os.SgaAlloc(3); await os.PushAsync(q, u§); os.SgaFree(u§); Sga r§ = await p§; Log("late§ " + r§.Length); os.SgaFree(r§); }
        }
        """;

    /// <summary>Two delays raced inside an expression (after a spilled operand), then the loser is awaited.</summary>
    private static string DelayRace(int n) => $$"""
        {
        DemiOperation x§ = os.DelayAsync(TimeSpan.FromMilliseconds({{n % 3}}));
        DemiOperation y§ = os.DelayAsync(TimeSpan.FromMilliseconds({{n / 3 % 3}}));
        int i§ = Echo(a % 5) * 0 + (await {{(n % 2 == 0 ? "os.WhenAnyAsync(x§, y§)" : "os.WhenAnyAsync(new[] { x§.Token, y§.Token })")}}).Index;
        Log("won§ " + i§);
        await (i§ == 0 ? y§ : x§);
        b += i§;
        }
        """;

    private static Gen<string> Block(int depth, bool inLoop) =>
        Statement(depth, inLoop).Array[0, 4].Select(statements => "{\n" + string.Join("\n", statements) + "\n}");

    private static Gen<string> Statement(int depth, bool inLoop)
    {
        Gen<int> k = Gen.Int[0, 9];
        List<(int, IGen<string>)> choices =
        [
            (3, Gen.Const("Log(\"s§ \" + a + \" \" + b);")),
            (3, k.Select(n => $"a = (a * 3 + {n}) % 1000;")),
            (2, Gen.Const("b += a % 7;")),
            (3, Gen.Const("await os.YieldAsync();")),
            (2, k.Select(n => $"await os.DelayAsync(TimeSpan.FromMilliseconds({n % 3}));")),
            (3, k.Select(n => $"a += await Leaf(os, b + {n});")),
            (2, Gen.Const("Log(Echo(a) + await Leaf(os, a) * Echo(b));")),
            (2, Gen.Const("{ Sga s§ = os.SgaAlloc(1 + (a & 7)); await os.PushAsync(q, s§); os.SgaFree(s§); Sga r§ = await os.PopAsync(q); Log(\"pop \" + r§.Length); os.SgaFree(r§); }")),
            (1, k.Select(n => $"if (a % 9 == {n}) throw new InvalidOperationException(\"boom§\");")),
            (1, k.Select(PopWithTimeout)),
            (1, k.Select(n => $"{{ List<int> l§ = new List<int> {{ Echo(a % 7), await Leaf(os, b + {n}), {n} }}; int[] r§ = [Echo(b % 3), await Leaf(os, a)]; a += l§[1] + r§[1]; }}")),
            (1, k.Select(n => $"if (Echo(a) is var v§ && v§ % 2 == {n % 2}) {{ await os.YieldAsync(); b += v§ % 5; }}")),
            (1, k.Select(n => $"if (int.TryParse((a % 50 + {n}).ToString(), out int p§)) {{ a += await Leaf(os, p§); a += p§ % 7; }}")),
            (1, k.Select(n => $"if (a % 3 == {n % 3} && await Leaf(os, b) > {n}) b += 2;")),
            (1, k.Select(n => $"b += Echo(a % 4) + (b % 2 == {n % 2} ? await Leaf(os, a + {n}) : a % 3 == 0 ? Echo(b) : await Leaf(os, b));")),
            (1, k.Select(n => $"Log($\"i{{Echo(a % 10)}} {{await Leaf(os, b + {n}),3}} {{(b > {n} || await Leaf(os, a) > 8)}}\");")),
            (1, k.Select(n => $"{{ int t§ = await Leaf(os, a + {n}), u§ = t§ + await Leaf(os, b); b = u§ + await Leaf(os, a % 5); a += t§; }}")),
            (1, k.Select(DelayRace)),
            (1, k.Select(n => $"if (b % 10 == {n}) return a - b;")),
        ];
        if (inLoop)
        {
            choices.Add((1, k.Select(n => $"if (a % 4 == {n % 4}) break;")));
            choices.Add((1, k.Select(n => $"if (b % 5 == {n % 5}) continue;")));
        }

        if (depth > 0)
        {
            Gen<string> block = Block(depth - 1, inLoop);
            Gen<string> loopBlock = Block(depth - 1, inLoop: true);
            choices.AddRange(
            [
                (2, Gen.Select(k, block, block, (n, then, otherwise) => $"if (a % 3 == {n % 3})\n{then}\nelse\n{otherwise}")),
                (1, Gen.Select(k, block, (n, then) => $"if (await Leaf(os, a) > {n})\n{then}")),
                (1, Gen.Select(k, loopBlock, (n, body) => $"for (int i§ = 0; i§ < {n % 4}; i§++)\n{{\na += i§;\n{body}\n}}")),
                (1, Gen.Select(k, loopBlock, (n, body) => $"int w§ = 0;\nwhile (w§ < {n % 4})\n{{\nw§++;\n{body}\n}}")),
                (1, Gen.Select(k, loopBlock, (n, body) => $"int d§ = 0;\ndo\n{{\nd§++;\n{body}\n}}\nwhile (d§ < {n % 3});")),
                (1, block.Select(body => $"try\n{body}\nfinally\n{{\nLog(\"finally§ \" + a);\n}}")),
                (1, block.Select(body => $"try\n{body}\ncatch (InvalidOperationException e§)\n{{\nLog(\"caught§ \" + e§.Message);\n}}")),
                (1, Gen.Select(block, block, (body, handler) => $"try\n{body}\ncatch (InvalidOperationException e§) when (e§.Message.Length % 3 != 2)\n{{\nawait os.YieldAsync();\nLog(\"async caught§ \" + e§.Message);\nif (a % 5 == 0) throw;\n{handler}\n}}")),
                (1, block.Select(body => $"try\n{body}\nfinally\n{{\nawait os.DelayAsync(TimeSpan.FromMilliseconds(a % 2));\nLog(\"async finally§ \" + a);\nb += await Leaf(os, a + b);\n}}")),
                (1, Gen.Select(block, block, block, (x, y, z) => $"switch (a % 3)\n{{\ncase 0:\n{x}\nbreak;\ncase 1:\n{y}\nbreak;\ndefault:\n{z}\nbreak;\n}}")),
                (1, Gen.Select(k, loopBlock, (n, body) => $"foreach (int x§ in new[] {{ 1, {n}, 3 }})\n{{\na += x§;\n{body}\n}}")),
                (1, Gen.Select(k, loopBlock, (n, body) => $"foreach (int y§ in new List<int> {{ {n}, 2 }})\n{{\nb += y§;\n{body}\n}}")),
                (1, Gen.Select(k, loopBlock, (n, body) => $"foreach (int z§ in new[] {{ {n}, 4 }})\n{{\nb = z§ + await Leaf(os, a % 3);\n{body}\n}}")),
                (1, block.Select(body => $"try\n{body}\ncatch (InvalidOperationException e§)\n{{\nLog(e§.Message + \" then \" + await Leaf(os, a % 4));\n}}")),
                (1, k.Select(n => $"{{ var (p§, q§) = (a % 7, {n}); a = p§ + await Leaf(os, q§); }}")),
                (1, block.Select(body => $"using (new Resource(\"r§\"))\n{body}")),
            ]);
        }

        return Gen.Select(Gen.Frequency([.. choices]), Gen.Int[1, 999_999_999], (template, id) => template.Replace("§", id.ToString()));
    }
}
