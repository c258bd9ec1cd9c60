namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>
/// Parses ARM template expressions: function calls, single-quoted strings (<c>''</c> escapes a quote),
/// integers, <c>.property</c> and <c>[index]</c> access.
/// See https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions.
/// </summary>
internal sealed class ArmExpressionParser
{
    private readonly string _text;
    private int _position;

    private ArmExpressionParser(string text) => _text = text;

    /// <summary>True when a JSON string value is an expression: <c>[...]</c> but not the <c>[[</c> escape.</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && value[1] != '[';

    /// <summary>Parses the text of a template string that <see cref="IsExpression"/> accepted.</summary>
    public static ArmExpr ParseTemplateString(string value) => Parse(value[1..^1]);

    public static ArmExpr Parse(string expression)
    {
        var parser = new ArmExpressionParser(expression);
        var result = parser.ParseExpression();
        parser.SkipWhitespace();
        if (parser._position != parser._text.Length)
        {
            throw parser.Error("unexpected text");
        }

        return result;
    }

    private ArmExpr ParseExpression()
    {
        var expression = ParsePrimary();
        while (true)
        {
            SkipWhitespace();
            if (TryConsume('.'))
            {
                expression = new ArmExpr.Property(expression, ReadIdentifier());
            }
            else if (TryConsume('['))
            {
                var key = ParseExpression();
                Expect(']');
                expression = new ArmExpr.Index(expression, key);
            }
            else
            {
                return expression;
            }
        }
    }

    private ArmExpr ParsePrimary()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("expression ends early");
        }

        var c = _text[_position];
        if (c == '\'')
        {
            return new ArmExpr.StringLiteral(ReadString());
        }

        if (char.IsAsciiDigit(c) || c == '-')
        {
            return new ArmExpr.NumberLiteral(ReadNumber());
        }

        var name = ReadIdentifier();
        SkipWhitespace();
        if (!TryConsume('('))
        {
            return new ArmExpr.Word(name);
        }

        var arguments = new List<ArmExpr>();
        SkipWhitespace();
        if (!TryConsume(')'))
        {
            do
            {
                arguments.Add(ParseExpression());
                SkipWhitespace();
            }
            while (TryConsume(','));
            Expect(')');
        }

        return new ArmExpr.Call(name, arguments);
    }

    private string ReadString()
    {
        Expect('\'');
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c != '\'')
            {
                builder.Append(c);
            }
            else if (_position < _text.Length && _text[_position] == '\'')
            {
                builder.Append('\'');
                _position++;
            }
            else
            {
                return builder.ToString();
            }
        }
    }

    private long ReadNumber()
    {
        var start = _position;
        if (_text[_position] == '-')
        {
            _position++;
        }

        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        return long.Parse(_text.AsSpan(start, _position - start), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Identifiers may be namespaced (a.b) only when they name a function: the dot is kept when
    // the dotted word is directly followed by '('; otherwise '.' starts a property access.
    private string ReadIdentifier()
    {
        SkipWhitespace();
        var start = _position;
        while (_position < _text.Length && IsIdentifierChar(_text[_position]))
        {
            _position++;
        }

        if (_position == start)
        {
            throw Error("identifier expected");
        }

        var end = _position;
        while (_position < _text.Length && _text[_position] == '.')
        {
            var next = _position + 1;
            while (next < _text.Length && IsIdentifierChar(_text[next]))
            {
                next++;
            }

            if (next < _text.Length && _text[next] == '(' && next > _position + 1)
            {
                _position = next;
                end = next;
            }
            else
            {
                break;
            }
        }

        _position = end;
        return _text[start..end];
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '#';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        SkipWhitespace();
        if (!TryConsume(c))
        {
            throw Error($"'{c}' expected");
        }
    }

    private FormatException Error(string what) => new($"ARM expression: {what} at {_position} in: {_text}");
}
