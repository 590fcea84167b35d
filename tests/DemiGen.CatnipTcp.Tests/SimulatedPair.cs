using System.Net;

namespace DemiGen.CatnipTcp.Tests;

/// <summary>Two Catnip stacks on one thread joined by a simulated link, driven in discrete-event time.</summary>
internal sealed class SimulatedPair : IDisposable
{
    internal static readonly IPAddress AddressA = IPAddress.Parse("10.9.0.1");
    internal static readonly IPAddress AddressB = IPAddress.Parse("10.9.0.2");

    internal SimulatedPair(SimulatedLinkFaults faults, int seed)
    {
        Seed = seed;
        Clock = new ManualClock(autoAdvance: false);
        Link = new SimulatedLink(Clock, faults, seed);

        // B first: async DemiTask handlers start on LibOS.Current, the first libOS made on the thread; servers run on B.
        B = Create(Link.B, AddressB);
        A = Create(Link.A, AddressA);
    }

    internal int Seed { get; }

    internal ManualClock Clock { get; }

    internal SimulatedLink Link { get; }

    internal CatnipLibOS A { get; }

    internal CatnipLibOS B { get; }

    internal QResult Wait(LibOS owner, QToken qt, TimeSpan limit) => SimulatedNetwork.Wait(Clock, owner, qt, [A, B], limit);

    internal string Describe() => $"seed {Seed}; A: {StackReport.Of(A)}; B: {StackReport.Of(B)}";

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }

    private CatnipLibOS Create(SimulatedLinkEndpoint end, IPAddress address) =>
        (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions
        {
            Clock = Clock,
            Catnip = new CatnipOptions
            {
                Device = CatnipDeviceKind.Simulated,
                SimulatedLink = end,
                Address = address,
                ArpRetryInterval = TimeSpan.FromMilliseconds(50),
                ArpMaxRequests = 10,
            },
        });
}
