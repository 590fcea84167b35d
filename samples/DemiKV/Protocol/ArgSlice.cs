namespace DemiKV.Protocol;

/// <summary>Where one argument of a request lies in its source buffer.</summary>
internal readonly record struct ArgSlice(int Start, int Length);
