namespace DemiGen;

/// <summary>The libOS of in-memory queues only: no network and no device, so it never blocks in the kernel.</summary>
internal sealed class CatmemLibOS : LibOS
{
    internal CatmemLibOS(LibOSOptions options)
        : base(LibOSKind.Catmem, options, hasDevice: false)
    {
    }
}
