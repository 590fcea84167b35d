namespace DemiGen;

/// <summary>Marks awaiters whose continuations the libOS runs on its own thread (operations, yields, DemiTasks).</summary>
internal interface IDemiAwaiter
{
}
