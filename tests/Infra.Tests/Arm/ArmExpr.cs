namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>Syntax tree of one ARM template expression (the text between <c>[</c> and <c>]</c>).</summary>
internal abstract record ArmExpr
{
    internal sealed record StringLiteral(string Value) : ArmExpr
    {
        public override string ToString() => $"'{Value}'";
    }

    internal sealed record NumberLiteral(long Value) : ArmExpr
    {
        public override string ToString() => Value.ToString();
    }

    /// <summary>A bare word: <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    internal sealed record Word(string Name) : ArmExpr
    {
        public override string ToString() => Name;
    }

    internal sealed record Call(string Name, IReadOnlyList<ArmExpr> Arguments) : ArmExpr
    {
        public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
    }

    internal sealed record Property(ArmExpr Target, string Name) : ArmExpr
    {
        public override string ToString() => $"{Target}.{Name}";
    }

    internal sealed record Index(ArmExpr Target, ArmExpr Key) : ArmExpr
    {
        public override string ToString() => $"{Target}[{Key}]";
    }
}
