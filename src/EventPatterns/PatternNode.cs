using System.Text.Json;

namespace EventPatterns;

/// <summary>How a pattern (sub)tree relates to a piece of the event.</summary>
internal enum NodeMatch : byte
{
    /// <summary>Some condition fails.</summary>
    None,

    /// <summary>Holds only because the fields it names have no leaf values there (all via <c>{"exists": false}</c>).</summary>
    Absent,

    /// <summary>Holds, and at least one condition matched an actual leaf value.</summary>
    Positive,
}

/// <summary>
/// An object level of one <c>$or</c>-free alternative of a pattern: every field must hold (AND).
/// <para>
/// Arrays follow EventBridge's array-consistent matching: an event array satisfies a field when ONE element
/// satisfies everything the pattern says below that field, so conditions on fields of objects inside an array must
/// hold in the same element. Conditions that only say "absent" must hold in every element (nothing was picked).
/// </para>
/// </summary>
internal sealed class ObjectNode(FieldNode[] fields)
{
    public FieldNode[] Fields { get; } = fields;

    /// <summary>True when every field may be absent, so a missing or non-object value satisfies this level.</summary>
    public bool CanBeAbsent { get; } = Array.TrueForAll(fields, static f => f.CanBeAbsent);

    public NodeMatch Evaluate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return CanBeAbsent ? NodeMatch.Absent : NodeMatch.None;
        }

        NodeMatch result = NodeMatch.Absent;
        foreach (FieldNode field in Fields)
        {
            NodeMatch match = value.TryGetProperty(field.Name, out JsonElement child)
                ? field.Evaluate(child)
                : field.CanBeAbsent ? NodeMatch.Absent : NodeMatch.None;
            if (match == NodeMatch.None)
            {
                return NodeMatch.None;
            }

            if (match == NodeMatch.Positive)
            {
                result = NodeMatch.Positive;
            }
        }

        return result;
    }
}

/// <summary>One field name of an object level: the leaf condition at this path and/or the object level below it.</summary>
internal sealed class FieldNode(byte[] name, LeafCondition? leaf, ObjectNode? child)
{
    public byte[] Name { get; } = name;

    public bool CanBeAbsent { get; } = (leaf is null || leaf.AllowsAbsent) && (child is null || child.CanBeAbsent);

    /// <summary>Cheap fields (leaf only) are evaluated before nested ones so a typical non-match fails early.</summary>
    public bool IsLeafOnly => child is null;

    public NodeMatch Evaluate(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                bool allAbsent = true;
                foreach (JsonElement element in value.EnumerateArray())
                {
                    NodeMatch match = Evaluate(element);
                    if (match == NodeMatch.Positive)
                    {
                        return NodeMatch.Positive;
                    }

                    allAbsent &= match == NodeMatch.Absent;
                }

                return allAbsent && CanBeAbsent ? NodeMatch.Absent : NodeMatch.None;

            case JsonValueKind.Object:
                NodeMatch leafMatch = leaf is null || leaf.AllowsAbsent ? NodeMatch.Absent : NodeMatch.None;
                return Combine(leafMatch, child?.Evaluate(value) ?? NodeMatch.Absent);

            default:
                NodeMatch valueMatch = leaf is null ? NodeMatch.Absent
                    : leaf.Matches(value) ? NodeMatch.Positive
                    : NodeMatch.None;
                NodeMatch belowMatch = child is null || child.CanBeAbsent ? NodeMatch.Absent : NodeMatch.None;
                return Combine(valueMatch, belowMatch);
        }
    }

    private static NodeMatch Combine(NodeMatch a, NodeMatch b) =>
        a == NodeMatch.None || b == NodeMatch.None ? NodeMatch.None
        : a == NodeMatch.Positive || b == NodeMatch.Positive ? NodeMatch.Positive
        : NodeMatch.Absent;
}
