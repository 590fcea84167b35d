using System.Text;

namespace DemiGen.Runtime.Tests;

internal static class TestBytes
{
    internal static Sga Text(this LibOS os, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Sga sga = os.SgaAlloc(bytes.Length);
        sga.CopyFrom(bytes);
        return sga;
    }

    internal static string Text(this Sga sga) => Encoding.UTF8.GetString(sga.ToArray());
}
