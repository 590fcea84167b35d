using System.Text;

namespace DemiGen.Generators.Emitting;

/// <summary>Writes source text line by line at an indentation level; directives (#line, #pragma) stay at column 0.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public void Indent() => depth++;

    public void Unindent() => depth--;

    /// <summary>Writes one or more lines (split on newlines) at the current indentation; continuation lines keep their own relative indentation.</summary>
    public void Line(string line = "")
    {
        string[] lines = line.Replace("\r\n", "\n").Split('\n');

        // Verbatim and raw string literals may span lines: their text must not be re-indented.
        bool verbatim = line.Contains("\"\"\"") || line.Contains("@\"");
        int common = verbatim ? 0 : CommonIndent(lines);
        for (int i = 0; i < lines.Length; i++)
        {
            string current = i == 0 ? lines[i].TrimStart() : (lines[i].Length >= common ? lines[i].Substring(common) : lines[i].TrimStart());
            if (current.Length == 0)
            {
                text.Append('\n');
            }
            else if (i > 0 && verbatim)
            {
                text.Append(lines[i]).Append('\n');
            }
            else
            {
                text.Append(' ', current.StartsWith("#", System.StringComparison.Ordinal) ? 0 : depth * 4).Append(current.TrimEnd()).Append('\n');
            }
        }
    }

    public void OpenBrace()
    {
        Line("{");
        Indent();
    }

    public void CloseBrace(string suffix = "")
    {
        Unindent();
        Line("}" + suffix);
    }

    public override string ToString() => text.ToString();

    /// <summary>The indentation the continuation lines share, so a copied multi-line statement is re-indented as a whole.</summary>
    private static int CommonIndent(string[] lines)
    {
        int common = int.MaxValue;
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            int spaces = line.Length - line.TrimStart().Length;
            if (line.Trim().Length > 0 && spaces < common)
            {
                common = spaces;
            }
        }

        return common == int.MaxValue ? 0 : common;
    }
}
