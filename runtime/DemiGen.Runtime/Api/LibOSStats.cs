namespace DemiGen;

/// <summary>A snapshot of a libOS's tables.</summary>
/// <param name="LiveCoroutines">Coroutines spawned and not yet finished.</param>
/// <param name="PendingOperations">Tokens whose operation has not completed.</param>
/// <param name="LiveSgas">Sgas allocated or popped and not yet released.</param>
/// <param name="OpenQueues">Queue descriptors not yet closed.</param>
/// <param name="RegisteredMemoryBytes">Native memory reserved for buffers.</param>
public readonly record struct LibOSStats(int LiveCoroutines, int PendingOperations, int LiveSgas, int OpenQueues, long RegisteredMemoryBytes);
