namespace DemiGen.Generators.Tests.Differential;

/// <summary>Hand-written handlers, one per lowering feature, run both ways by <see cref="ScenarioTests"/>.</summary>
internal static class Scenarios
{
    public const string Members = """"
            [DemiHandler]
            public static async DemiTask<int> Sequential(LibOS os, QDesc q)
            {
                Sga data = os.SgaAlloc(5);
                data.Span.Fill(7);
                QResult pushed = await os.PushAsync(q, data);
                Log("pushed " + pushed.Opcode);
                os.SgaFree(data);
                await os.YieldAsync();
                Sga got = await os.PopAsync(q);
                int length = got.Length;
                Log("popped " + length + " first " + got.Span[0]);
                os.SgaFree(got);
                await os.DelayAsync(TimeSpan.FromMilliseconds(2));
                Log("delayed");
                return length;
            }

            [DemiHandler]
            public static async DemiTask<int> PopBeforePush(LibOS os, QDesc q)
            {
                DemiOperation pop = os.PopAsync(q);
                Log("pop started, completed " + pop.IsCompleted);
                int pushed = await Pusher(os, q, 3);
                Sga got = await pop;
                Log("got " + got.Length);
                os.SgaFree(got);
                return pushed;
            }

            [DemiHandler]
            public static async DemiTask<int> Pusher(LibOS os, QDesc q, int size)
            {
                await os.YieldAsync();
                Sga data = os.SgaAlloc(size);
                await os.PushAsync(q, data);
                os.SgaFree(data);
                Log("pusher done");
                return size * 10;
            }

            [DemiHandler]
            public static async DemiTask<int> Child(LibOS os, int value)
            {
                Log("child start " + value);
                await os.YieldAsync();
                if (value < 0)
                {
                    throw new InvalidOperationException("negative " + value);
                }

                Log("child end " + value);
                return value * 2;
            }

            [DemiHandler]
            public static async DemiTask<int> Loops(LibOS os)
            {
                int total = 0;
                int i = 0;
                while (i < 6)
                {
                    i++;
                    if (i == 2)
                    {
                        continue;
                    }

                    await os.YieldAsync();
                    if (i == 5)
                    {
                        break;
                    }

                    total += i;
                    Log("while " + i);
                }

                int j = 0;
                do
                {
                    await os.DelayAsync(TimeSpan.FromMilliseconds(1));
                    j++;
                }
                while (j < 3);
                for (int k = 0, step = 2; k < 7; k += step)
                {
                    if (k == 4)
                    {
                        continue;
                    }

                    total += await Child(os, k);
                    Log("for " + k);
                }

                return total + j;
            }

            [DemiHandler]
            public static async DemiTask<int> Switches(LibOS os, int seed)
            {
                int result = 0;
                for (int n = seed; n < seed + 5; n++)
                {
                    switch (n % 4)
                    {
                        case 0:
                            result += await Child(os, n);
                            break;
                        case 1:
                        case 2:
                            await os.YieldAsync();
                            if (n == 6)
                            {
                                break;
                            }

                            result += 100;
                            break;
                        default:
                            Log("default " + n);
                            continue;
                    }

                    Log("after switch " + n + " " + result);
                }

                return result;
            }

            [DemiHandler]
            public static async DemiTask<int> TryFinally(LibOS os)
            {
                int value = 1;
                try
                {
                    Log("try");
                    value = await Child(os, 4);
                    try
                    {
                        await os.YieldAsync();
                        if (value == 8)
                        {
                            return value + 1;
                        }
                    }
                    finally
                    {
                        Log("inner finally " + value);
                    }
                }
                finally
                {
                    Log("outer finally " + value);
                }

                return -1;
            }

            [DemiHandler]
            public static async DemiTask<int> Usings(LibOS os)
            {
                using (Resource first = new("first"))
                {
                    await os.YieldAsync();
                    Log("in first " + (first is not null));
                }

                using Resource second = new("second");
                using Resource third = new("third");
                int v = await Child(os, 1);
                Log("after child " + v);
                return v;
            }

            [DemiHandler]
            public static async DemiTask<int> Catches(LibOS os)
            {
                int caught = 0;
                for (int i = -2; i < 2; i++)
                {
                    try
                    {
                        int v = await Child(os, i);
                        Log("ok " + v);
                    }
                    catch (InvalidOperationException e) when (e.Message.EndsWith("2"))
                    {
                        Log("filtered " + e.Message);
                        caught += 10;
                    }
                    catch (InvalidOperationException e)
                    {
                        Log("caught " + e.Message);
                        caught++;
                        continue;
                    }
                    finally
                    {
                        Log("finally " + i);
                    }

                    Log("end of iteration " + i);
                }

                return caught;
            }

            [DemiHandler]
            public static async DemiTask<int> ForEaches(LibOS os)
            {
                int[] numbers = { 3, 1, 4, 1, 5, 9 };
                List<string> words = new() { "a", "bb", "ccc", "dddd" };
                int sum = 0;
                foreach (int n in numbers)
                {
                    if (n == 1)
                    {
                        continue;
                    }

                    sum += await Child(os, n);
                    if (n == 5)
                    {
                        break;
                    }
                }

                foreach (var w in words)
                {
                    await os.YieldAsync();
                    Log("word " + w);
                    sum += w.Length;
                }

                return sum;
            }

            [DemiHandler]
            public static async DemiTask<int> Spills(LibOS os)
            {
                int x = 3;
                int a = Echo(1) + await Child(os, Echo(2)) * Echo(3);
                Log("a " + a);
                int b = x + await Child(os, x) - x;
                Log("b " + b);
                x += await Child(os, 5);
                Log("x " + x);
                Log(Math.Max(Echo(7), await Child(os, 6)) + Echo(8));
                if (await Child(os, 1) > 1 && Echo(9) > 0)
                {
                    Log("branch");
                }

                return a + b + x + (await Child(os, 2) > 3 ? 1 : 0);
            }

            [DemiHandler]
            public static async DemiTask<int> Faults(LibOS os)
            {
                Log("before");
                await Child(os, 1);
                await Child(os, -7);
                Log("unreachable");
                return 0;
            }

            [DemiHandler]
            public static async DemiTask<int> ExpressionBodied(LibOS os) => await Child(os, 21) + 1;

            [DemiHandler]
            public static async DemiTask<int> NoAwaits(LibOS os)
            {
                int v = 0;
                for (int i = 0; i < 3; i++)
                {
                    v += i;
                }

                return v;
            }

            [DemiHandler]
            public static async DemiTask Void(LibOS os, int n)
            {
                while (n-- > 0)
                {
                    await os.YieldAsync();
                    Log("void " + n);
                }
            }

            [DemiHandler]
            public static async DemiTask<int> AwaitsVoid(LibOS os)
            {
                await Void(os, 3);
                return 7;
            }

            public static partial class Nested
            {
                [DemiHandler]
                public static async DemiTask<int> Overloaded(LibOS os) => await Overloaded(os, 2, scale: 3);

                [DemiHandler]
                public static async DemiTask<int> Overloaded(LibOS os, int value, int offset = 1, int scale = 1)
                {
                    await os.YieldAsync();
                    return (value + offset) * scale;
                }
            }

            [DemiHandler]
            public static async DemiTask<int> Shadowing(LibOS os)
            {
                int total = 0;
                {
                    int v = 5;
                    await os.YieldAsync();
                    total += v;
                }
                {
                    string v = "abc";
                    await os.YieldAsync();
                    total += v.Length;
                }
                for (int i = 0; i < 2; i++)
                {
                    int v = i * 10;
                    await os.YieldAsync();
                    total += v;
                }

                return total;
            }

            [DemiHandler]
            public static async DemiTask<int> WhenAnys(LibOS os, QDesc q)
            {
                // A pop with a timeout: the pop stays pending across the timeouts and wins the third race.
                DemiOperation pop = os.PopAsync(q);
                int timeouts = 0;
                while (true)
                {
                    DemiOperation timer = os.DelayAsync(TimeSpan.FromMilliseconds(2));
                    WhenAnyResult won = await os.WhenAnyAsync(pop, timer);
                    Log("race " + won.Index + " " + won.Result.Opcode);
                    if (won.Index == 0)
                    {
                        Log("popped " + won.Result.Sga.Length);
                        os.SgaFree(won.Result.Sga);
                        os.CancelDelay(timer);
                        break;
                    }

                    if (++timeouts == 2)
                    {
                        os.Spawn(Pusher(os, q, 4).AsTask());
                    }
                }

                // Three delays: the shortest wins, the others are raced again and then awaited one by one.
                DemiOperation slow = os.DelayAsync(TimeSpan.FromMilliseconds(3));
                DemiOperation fast = os.DelayAsync(TimeSpan.FromMilliseconds(1));
                DemiOperation middle = os.DelayAsync(TimeSpan.FromMilliseconds(2));
                int first = (await os.WhenAnyAsync(slow, fast, middle)).Index;
                Log("first " + first + " at " + os.Clock.NowNanoseconds);
                QToken[] rest = { slow.Token, middle.Token };
                (int second, QResult secondResult) = await os.WhenAnyAsync(rest);
                Log("second " + second + " " + secondResult.Opcode + " at " + os.Clock.NowNanoseconds);
                int secondIndex = second;
                await slow;
                Log("slow at " + os.Clock.NowNanoseconds);

                // An operation that completed before the WhenAny wins at once, in argument order.
                DemiOperation late = os.DelayAsync(TimeSpan.FromMilliseconds(5));
                Sga data = os.SgaAlloc(6);
                await os.PushAsync(q, data);
                os.SgaFree(data);
                DemiOperation ready = os.PopAsync(q);
                WhenAnyResult immediate = await os.WhenAnyAsync(late, ready, os.DelayAsync(TimeSpan.Zero), os.DelayAsync(TimeSpan.Zero));
                Log("immediate " + immediate.Index + " length " + immediate.Result.Sga.Length + " at " + os.Clock.NowNanoseconds);
                os.SgaFree(immediate.Result.Sga);
                os.CancelDelay(late);
                return timeouts * 100 + first * 10 + secondIndex + immediate.Index * 1000;
            }

            public sealed partial class Counter
            {
                private int total;

                public Counter(int start) => total = start;

                public int Calls { get; private set; }

                public int Last { get; set; }

                [DemiHandler]
                public async DemiTask<int> Add(LibOS os, int amount)
                {
                    Calls++;
                    await os.YieldAsync();
                    total += amount;
                    this.Calls += 1;
                    Log("add " + amount + " total " + total + " calls " + Calls);
                    return total;
                }

                [DemiHandler]
                public async DemiTask<int> AddTwice(LibOS os, Counter other)
                {
                    int first = await Add(os, 2);
                    int second = await other.Add(os, 3);
                    Last = await this.Add(os, first);
                    total = Echo(total) + await other.Add(os, 1);
                    Func<string> describe = Describe;
                    Func<int, int> plusOne = x => x + 1;
                    await os.YieldAsync();
                    Log(describe() + " " + other.Describe() + " last " + Last + " " + plusOne(this.Calls));
                    return first + second + Calls;
                }

                private string Describe() => total + "/" + Calls;
            }

            public partial struct Tally
            {
                public int Count;

                [DemiHandler]
                public async DemiTask<int> Bump(LibOS os, int by)
                {
                    Count += by;
                    await os.YieldAsync();
                    this.Count += await Echoed(os, by);
                    Log("tally " + Count + " " + Describe());
                    return Count;
                }

                [DemiHandler]
                public readonly async DemiTask<int> Peek(LibOS os)
                {
                    await os.YieldAsync();
                    return Count * 10;
                }

                private readonly string Describe() => "count " + Count;
            }

            public readonly partial record struct Point(int X, int Y)
            {
                [DemiHandler]
                public async DemiTask<int> Sum(LibOS os)
                {
                    await os.YieldAsync();
                    return X + await Echoed(os, Y);
                }
            }

            [DemiHandler]
            public static async DemiTask<int> Echoed(LibOS os, int value)
            {
                await os.YieldAsync();
                return value;
            }

            [DemiHandler]
            public static async DemiTask<int> StructInstances(LibOS os)
            {
                Tally tally = new() { Count = 1 };
                int bumped = await tally.Bump(os, 2);
                Log("caller sees " + tally.Count + " handler saw " + bumped);
                tally.Count = 7;
                int peeked = await tally.Peek(os);
                Tally[] tallies = { new() { Count = 3 } };
                int inArray = await tallies[0].Bump(os, 1);
                Log("array element " + tallies[0].Count + " " + inArray);
                return peeked + await new Point(4, 5).Sum(os);
            }

            [DemiHandler]
            public static async DemiTask<int> Instances(LibOS os)
            {
                Counter counter = new(10);
                int sum = await counter.AddTwice(os, new Counter(100));
                sum += Echo(1) + await new Counter(7).Add(os, 1);
                return sum + counter.Last;
            }

            [DemiHandler]
            public static async DemiTask<int> AwaitsInHandlers(LibOS os)
            {
                int total = 0;
                try
                {
                    await os.YieldAsync();
                    await Child(os, -3);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("negative"))
                {
                    await os.DelayAsync(TimeSpan.FromMilliseconds(1));
                    Log("caught " + e.Message);
                    total += 1;
                }

                for (int i = 0; i < 4; i++)
                {
                    try
                    {
                        await os.YieldAsync();
                        if (i == 1) continue;
                        if (i == 3) break;
                        total += await Child(os, i);
                    }
                    finally
                    {
                        await os.YieldAsync();
                        Log("finally " + i);
                    }
                }

                for (int j = 0; j < 3; j++)
                {
                    try
                    {
                        if (j == 1) throw new InvalidOperationException("j" + j);
                        await os.YieldAsync();
                    }
                    catch (ArgumentException)
                    {
                        Log("never");
                    }
                    catch (InvalidOperationException)
                    {
                        await os.YieldAsync();
                        Log("catch continue " + j);
                        continue;
                    }

                    Log("after try " + j);
                }

                try
                {
                    total += await Rethrows(os);
                }
                catch (InvalidOperationException e)
                {
                    Log("outer " + e.Message);
                }

                return total + await EarlyReturn(os, 2) + await EarlyReturn(os, 5);
            }

            [DemiHandler]
            public static async DemiTask<int> Rethrows(LibOS os)
            {
                try
                {
                    try
                    {
                        await os.YieldAsync();
                        throw new InvalidOperationException("inner");
                    }
                    catch (InvalidOperationException)
                    {
                        await os.YieldAsync();
                        Log("rethrowing");
                        throw;
                    }
                    finally
                    {
                        await os.DelayAsync(TimeSpan.FromMilliseconds(1));
                        Log("finally after rethrow");
                    }
                }
                catch (Exception e) when (e is not ArgumentException)
                {
                    Log("caught twice " + e.Message);
                    await os.YieldAsync();
                    try
                    {
                        throw new ArgumentException("nested");
                    }
                    catch (ArgumentException)
                    {
                        Log("nested rethrow stays inside");
                    }

                    throw;
                }
            }

            [DemiHandler]
            public static async DemiTask<int> EarlyReturn(LibOS os, int n)
            {
                try
                {
                    try
                    {
                        if (n < 3) return await Child(os, n);
                        await os.YieldAsync();
                    }
                    finally
                    {
                        Log("inner finally " + n);
                        await os.YieldAsync();
                    }

                    return n * 100;
                }
                finally
                {
                    await os.YieldAsync();
                    Log("outer finally " + n);
                }
            }

            [DemiHandler]
            public static async DemiTask<int> ConditionalAwaits(LibOS os)
            {
                int total = 0;
                for (int i = 0; i < 4; i++)
                {
                    if (Echo(i) % 2 == 0 && await Child(os, i) > 2)
                    {
                        Log("and " + i);
                    }

                    bool either = i == 1 || await Child(os, i + 10) > 21;
                    string? name = i < 2 ? null : "n" + i;
                    string chosen = name ?? await Named(os, i);
                    total += Echo(total) + (i % 3 == 0 ? await Child(os, i) : i == 2 ? Echo(7) : await Child(os, 1));
                    Log($"[{chosen}] {either} {await Child(os, i),4} total {total:D3}");
                }

                for (int j = await Child(os, 1); j < 6; j += await Child(os, 1))
                {
                    Log("for " + j);
                }

                using (Resource first = new(await Named(os, 8)), second = new("plain"))
                {
                    Log("in using");
                }

                using Resource declared = new(await Named(os, 9));
                Log("declared");
                await os.YieldAsync();
                return total;
            }

            [DemiHandler]
            public static async DemiTask<string> Named(LibOS os, int n)
            {
                await os.YieldAsync();
                return "named" + n;
            }

            [DemiHandler]
            public static async DemiTask<int> PatternVariables(LibOS os, object boxed)
            {
                int total = 0;
                Dictionary<string, int> map = new() { ["a"] = 4 };
                if (map.TryGetValue("a", out int found))
                {
                    await os.YieldAsync();
                    total += found;
                }

                if (!int.TryParse("12", out var parsed)) return -1;
                await os.YieldAsync();
                total += parsed;
                if (boxed is string { Length: > 2 } text && text.Length < 10)
                {
                    await os.YieldAsync();
                    Log("text " + text);
                }

                if (await Child(os, 3) is var doubled and > 5)
                {
                    await os.YieldAsync();
                    total += doubled;
                }

                while (boxed is int n && n < 3)
                {
                    await os.YieldAsync();
                    boxed = n + 1;
                    Log("n " + n);
                }

                DemiOperation later = os.DelayAsync(TimeSpan.FromMilliseconds(2));
                var ((index, result), (opcode, _)) = (await os.WhenAnyAsync(later, os.DelayAsync(TimeSpan.Zero)), (DemiOpcode.Close, 0));
                (int x, string label) = (2, "x");
                await later;
                total += index + x;
                Log("deconstructed " + index + " " + result.Opcode + " " + opcode + " " + label);
                return total;
            }

            public sealed class Box
            {
                public Box() => Log("box created");

                public int Width { get; set; }

                public string Name { get; set; } = "";
            }

            [DemiHandler]
            public static async DemiTask<int> Initializers(LibOS os)
            {
                Box box = new() { Name = "b" + Echo(1), Width = await Child(os, 4) };
                List<int> list = new List<int> { Echo(2), await Child(os, 5), 3 };
                Dictionary<string, int> map = new() { { "k", 1 }, { "j", 2 } };
                map.Add("x", await Child(os, 1) + map.Count);
                int[] array = { Echo(3), await Child(os, 6) };
                int[] implicitArray = new[] { await Child(os, 7), Echo(4) };
                int[] collection = [Echo(5), await Child(os, 8)];
                Log(box.Name + " " + box.Width + " " + string.Join(",", list) + " " + map["x"]);
                return array[1] + implicitArray[0] + collection[1] + list.Count;
            }

            public interface IScale
            {
                int Apply(int value);
            }

            public struct Tripler : IScale
            {
                public int Apply(int value) => value * 3;
            }

            [DemiHandler]
            public static async DemiTask<T> EchoBack<T>(LibOS os, T value, int rounds)
                where T : notnull
            {
                for (int i = 0; i < rounds; i++)
                {
                    await os.YieldAsync();
                    Log("echo back " + value);
                }

                return value;
            }

            [DemiHandler]
            public static async DemiTask<int> Scaled<TScale>(LibOS os, TScale scale, int[] values)
                where TScale : struct, IScale
            {
                int total = 0;
                List<TScale> kept = new() { scale };
                foreach (int v in values)
                {
                    await os.YieldAsync();
                    total += kept[0].Apply(v);
                    Log("scaled " + total);
                }

                string echoed = await EchoBack(os, "s" + total, 2);
                Log(echoed + " " + kept.Count + " " + typeof(TScale).Name);
                return total + await EchoBack<int>(os, 1, 1);
            }

            [DemiHandler]
            public static async DemiTask<int> ScaledTwice<TScale>(LibOS os)
                where TScale : struct, IScale
            {
                int first = await Scaled(os, default(TScale), new[] { 1, 2 });
                return first + await Scaled<TScale>(os, new TScale(), new[] { 5 });
            }

            [DemiHandler]
            public static async DemiTask<int> Strings(LibOS os)
            {
                string text = """
                    first
                      second
                    """;
                await os.YieldAsync();
                Log(text);
                string verbatim = @"a
              b";
                await os.YieldAsync();
                Log(verbatim);
                return text.Length + verbatim.Length;
            }
        """";

    public static readonly string[] Roots =
    [
        "Sequential(os, q)",
        "PopBeforePush(os, q)",
        "Loops(os)",
        "Switches(os, 3)",
        "TryFinally(os)",
        "Usings(os)",
        "Catches(os)",
        "ForEaches(os)",
        "Spills(os)",
        "Faults(os)",
        "ExpressionBodied(os)",
        "NoAwaits(os)",
        "AwaitsVoid(os)",
        "Nested.Overloaded(os)",
        "Shadowing(os)",
        "Strings(os)",
        "WhenAnys(os, q)",
        "Instances(os)",
        "new Counter(50).AddTwice(os, new Counter(5))",
        "AwaitsInHandlers(os)",
        "ConditionalAwaits(os)",
        "PatternVariables(os, \"hello\")",
        "PatternVariables(os, 0)",
        "Initializers(os)",
        "ScaledTwice<Tripler>(os)",
        "StructInstances(os)",
    ];
}
