using System.Text;

namespace DemiKV.Tests.Support;

/// <summary>Builds RESP requests and expected replies for tests.</summary>
internal static class Resp
{
    public static string Encode(params string[] parts)
    {
        StringBuilder text = new();
        text.Append('*').Append(parts.Length).Append("\r\n");
        foreach (string part in parts)
        {
            text.Append('$').Append(Encoding.Latin1.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        return text.ToString();
    }

    public static string Bulk(string value) => $"${Encoding.Latin1.GetByteCount(value)}\r\n{value}\r\n";

    public static string Array(params string[] bulks) => $"*{bulks.Length}\r\n" + string.Concat(bulks.Select(Bulk));

    public const string Nil = "$-1\r\n";

    public const string Ok = "+OK\r\n";

    public static string Int(long value) => $":{value}\r\n";

    public static string Err(string message) => $"-{message}\r\n";
}
