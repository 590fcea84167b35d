using System.Diagnostics;
using System.Text;
using DemiGen;
using DemiKV.Server;

// DemiKV's request path without sockets: a session on a Catmem libOS is fed batches of 16 pipelined requests shaped
// like redis-benchmark's, and every reply chunk is taken and freed as the connection loop would. Prints the best of
// five timed runs in nanoseconds per request, bytes allocated per request, and garbage collections during the run.
//
//   dotnet run -c Release --project tests/Benchmarks/redis/KvSessionBench [-- ping set get ...]
string[] names = args.Length > 0 ? args : ["ping", "set", "get", "incr", "lpush", "lrange_100", "lrange_300", "sadd", "hset", "hget", "mset"];
using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { RegisteredMemoryBytes = 16 << 20 });
KvStore store = new(os.Clock);
ClientSession session = new(store, os);

Feed(Repeat(Request("LPUSH", "mylist", "xxx"), 1000));

// A hash at the packed form's field limit, read at its last field (the longest walk): hget_128.
Feed(Encoding.ASCII.GetBytes(Request(["HSET", "hash128", .. Enumerable.Range(0, 128).SelectMany(i => new[] { $"field:{i}", "xxx" })])));
foreach (string name in names)
{
    byte[] batch = Repeat(RequestFor(name), 16);
    int batches = name.StartsWith("lrange", StringComparison.Ordinal) ? 2_000 : 40_000;
    for (int i = 0; i < 200_000 / 16; i++)
    {
        Feed(batch);
    }

    double best = double.MaxValue;
    long allocated = 0;
    int collections = 0;
    for (int run = 0; run < 5; run++)
    {
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        int gcs = GC.CollectionCount(0);
        Stopwatch clock = Stopwatch.StartNew();
        for (int i = 0; i < batches; i++)
        {
            Feed(batch);
        }

        best = Math.Min(best, clock.Elapsed.TotalNanoseconds / (batches * 16.0));
        allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
        collections = GC.CollectionCount(0) - gcs;
    }

    Console.WriteLine($"{name,-11} {best,9:F1} ns/request {allocated / (batches * 16.0),7:F1} B/request {collections,4} GCs/run");
}

void Feed(byte[] bytes)
{
    session.Feed(bytes);
    while (session.Writer.TryTake(out Sga chunk))
    {
        os.SgaFree(chunk);
    }
}

static byte[] Repeat(string request, int times) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(request, times)));

static string RequestFor(string name) => name switch
{
    "ping" => Request("PING"),
    "set" => Request("SET", "key:__rand_int__", "xxx"),
    "get" => Request("GET", "key:__rand_int__"),
    "incr" => Request("INCR", "counter:__rand_int__"),
    "lpush" => Request("LPUSH", "mylist", "xxx"),
    "lrange_100" => Request("LRANGE", "mylist", "0", "99"),
    "lrange_300" => Request("LRANGE", "mylist", "0", "299"),
    "sadd" => Request("SADD", "myset", "element:__rand_int__"),
    "hset" => Request("HSET", "myhash", "element:__rand_int__", "xxx"),
    "hget" => Request("HGET", "myhash", "element:__rand_int__"),
    "hget_128" => Request("HGET", "hash128", "field:127"),
    "mset" => Request(["MSET", .. Enumerable.Repeat<string[]>(["key:__rand_int__", "xxx"], 10).SelectMany(pair => pair)]),
    _ => throw new ArgumentException($"unknown test '{name}'"),
};

static string Request(params string[] parts)
{
    StringBuilder text = new($"*{parts.Length}\r\n");
    foreach (string part in parts)
    {
        text.Append('$').Append(part.Length).Append("\r\n").Append(part).Append("\r\n");
    }

    return text.ToString();
}
