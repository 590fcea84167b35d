using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>Several shards (one Catnap libOS per thread, SO_REUSEPORT) serve one shared keyspace.</summary>
[Collection(NetworkCollection.Name)]
public sealed class ShardTests
{
    [Fact]
    public void ClientsOnEveryShardSeeOneKeyspace()
    {
        using InProcessServer server = new(shards: 2);
        List<RespConnection> clients = [];
        try
        {
            for (int i = 0; i < 8; i++)
            {
                clients.Add(new RespConnection(server.EndPoint));
            }

            for (int round = 0; round < 25; round++)
            {
                foreach (RespConnection client in clients)
                {
                    Assert.StartsWith(":", client.Call("INCR", "shared"));
                }
            }

            foreach (RespConnection client in clients)
            {
                Assert.Equal(Bulk("200"), client.Call("GET", "shared"));
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
