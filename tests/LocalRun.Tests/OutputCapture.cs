using System.Text;

namespace KadoaBridge.LocalRun.Tests;

/// <summary>A writer that many threads may write to while a test reads what was written.</summary>
public sealed class OutputCapture : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _text.Append(value).Append(CoreNewLine);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
