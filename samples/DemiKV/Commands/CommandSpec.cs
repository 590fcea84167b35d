namespace DemiKV.Commands;

/// <summary>
/// What COMMAND reports about a command and how dispatch checks it: <paramref name="Arity"/> is Redis's (N exact,
/// -N at least N, counting the name); key positions as in COMMAND INFO.
/// </summary>
public sealed record CommandSpec(string Name, int Arity, CommandHandler Handler, string[] Flags, int FirstKey, int LastKey, int Step)
{
    /// <summary>True if <paramref name="argumentCount"/> (name included) fits the arity.</summary>
    public bool AcceptsArgumentCount(int argumentCount) => Arity >= 0 ? argumentCount == Arity : argumentCount >= -Arity;
}
