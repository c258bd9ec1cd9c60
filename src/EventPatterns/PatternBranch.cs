using System.Text;

namespace EventPatterns;

/// <summary>
/// One <c>$or</c>-free alternative of a pattern while it is being parsed: leaf conditions by field path. As in
/// EventBridge, a path written twice keeps the last condition.
/// </summary>
internal sealed class PatternBranch
{
    private readonly Dictionary<string, (string[] Path, LeafCondition Leaf)> _leaves;

    public PatternBranch()
        : this(new Dictionary<string, (string[] Path, LeafCondition Leaf)>(StringComparer.Ordinal))
    {
    }

    private PatternBranch(Dictionary<string, (string[] Path, LeafCondition Leaf)> leaves) => _leaves = leaves;

    public PatternBranch Clone() => new(new Dictionary<string, (string[] Path, LeafCondition Leaf)>(_leaves, StringComparer.Ordinal));

    public void Put(IReadOnlyList<string> path, LeafCondition leaf)
    {
        // Length-prefixed segments: no two different paths share a key, whatever characters the names contain.
        var key = new StringBuilder();
        foreach (string segment in path)
        {
            key.Append(segment.Length).Append(':').Append(segment);
        }

        _leaves[key.ToString()] = ([.. path], leaf);
    }

    /// <summary>Builds the evaluation tree: one <see cref="ObjectNode"/> per object level, leaf-only fields first.</summary>
    public ObjectNode Build() => BuildLevel([.. _leaves.Values], 0);

    private static ObjectNode BuildLevel(List<(string[] Path, LeafCondition Leaf)> leaves, int depth)
    {
        var fields = new List<FieldNode>();
        foreach (IGrouping<string, (string[] Path, LeafCondition Leaf)> group in leaves.GroupBy(l => l.Path[depth], StringComparer.Ordinal))
        {
            LeafCondition? leaf = null;
            var deeper = new List<(string[] Path, LeafCondition Leaf)>();
            foreach ((string[] Path, LeafCondition Leaf) entry in group)
            {
                if (entry.Path.Length == depth + 1)
                {
                    leaf = entry.Leaf;
                }
                else
                {
                    deeper.Add(entry);
                }
            }

            ObjectNode? child = deeper.Count > 0 ? BuildLevel(deeper, depth + 1) : null;
            fields.Add(new FieldNode(Encoding.UTF8.GetBytes(group.Key), leaf, child));
        }

        return new ObjectNode([.. fields.OrderBy(f => f.IsLeafOnly ? 0 : 1)]);
    }
}
