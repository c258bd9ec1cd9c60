using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace KadoaBridge.Core.Tests.Architecture;

/// <summary>
/// Holds the layering of <c>src/Core</c> (docs/architecture.md): a layer depends only on the layers below it, the
/// listener's pipeline and ingest's chain do not know each other, and no namespace depends on itself through others.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly CoreAssembly = typeof(Core.Storage.TableKeys).Assembly;

    private static readonly Lazy<DependencyGraph> Graph = new(() => DependencyGraph.Read(CoreAssembly.Location, Layers.Root));

    /// <summary>Every layer but the top one, which has nothing above it.</summary>
    public static TheoryData<string> LayerNames => [.. Layers.All.SkipLast(1).Select(layer => layer.Name)];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Layer_AnyType_DependsOnNothingAbove(string name)
    {
        var layer = Layers.Named(name);
        var above = Layers.Above(layer);
        var rule = Types.InAssembly(CoreAssembly).That().ResideInNamespaceMatching(Pattern(layer)).ShouldNot().HaveDependencyOnAny([.. above]).GetResult();
        var reachingUp = Graph.Value.Dependencies
            .Where(d => layer.Contains(d.FromNamespace) && Layers.Of(d.ToNamespace) is { } target && Layers.Height(target) > Layers.Height(layer))
            .Select(d => $"{d} ({Layers.Of(d.ToNamespace)} is above {layer})")
            .Concat((rule.FailingTypeNames ?? []).Select(type => $"{type} depends on a namespace above {layer} (NetArchTest)"))
            .ToList();

        Assert.True(reachingUp.Count == 0, $"Layer {layer} may not depend on anything above it, but:\n  {string.Join("\n  ", reachingUp)}");
    }

    [Fact]
    public void ListenerAndFunctionsPipelines_AnyType_DoNotKnowEachOther()
    {
        var crossing = Graph.Value.Dependencies
            .Where(d => (OnSide(d.FromNamespace, Layers.ListenerSide) && OnSide(d.ToNamespace, Layers.FunctionsSide)) ||
                        (OnSide(d.FromNamespace, Layers.FunctionsSide) && OnSide(d.ToNamespace, Layers.ListenerSide)))
            .Select(d => d.ToString())
            .ToList();

        Assert.True(crossing.Count == 0, $"Forwarding and Routing/Delivery/Ingest may not use each other, but:\n  {string.Join("\n  ", crossing)}");
    }

    [Fact]
    public void Namespaces_InCore_FormNoCycle()
    {
        var edges = Graph.Value.Dependencies
            .GroupBy(d => (d.FromNamespace, d.ToNamespace))
            .ToDictionary(g => g.Key, g => g.First());
        var cycles = Cycles(Graph.Value.Namespaces, edges.Keys.ToLookup(e => e.FromNamespace, e => e.ToNamespace))
            .Select(cycle => string.Join(
                "\n    ",
                cycle.Zip(cycle.Skip(1).Append(cycle[0]), (from, to) => $"{from} -> {to}, e.g. {edges[(from, to)]}")))
            .ToList();

        Assert.True(cycles.Count == 0, $"Namespaces of Core depend on themselves through others:\n  cycle:\n    {string.Join("\n  cycle:\n    ", cycles)}");
    }

    [Fact]
    public void Namespaces_InCore_EachInOneLayer()
    {
        var unplaced = Graph.Value.Namespaces.Where(ns => Layers.All.Count(layer => layer.Contains(ns)) != 1).Order(StringComparer.Ordinal).ToList();

        Assert.True(unplaced.Count == 0, $"Every namespace of Core belongs to exactly one layer (Architecture/Layers.cs, docs/architecture.md): {string.Join(", ", unplaced)}");
    }

    /// <summary>
    /// The regular expression NetArchTest selects a layer's types with. It reads a public or private nested type's
    /// namespace as its declaring type's full name: the root's own types are the root and any name under it that is not a
    /// namespace of Core.
    /// </summary>
    private static string Pattern(Layers.Layer layer)
    {
        var namespaces = Graph.Value.Namespaces.Where(ns => ns != Layers.Root).Select(ns => Regex.Escape(ns[(Layers.Root.Length + 1)..].Split('.')[0])).Distinct();
        var root = $@"{Regex.Escape(Layers.Root)}(\.(?!({string.Join('|', namespaces)})(\.|$))[^.]+)?";
        return "^(" + string.Join('|', layer.Namespaces.Select(ns => ns == Layers.Root ? root : Regex.Escape(Layers.FullName(ns)) + @"(\..+)?")) + ")$";
    }

    private static bool OnSide(string ns, IReadOnlyList<string> side) =>
        side.Any(s => ns == Layers.FullName(s) || ns.StartsWith(Layers.FullName(s) + ".", StringComparison.Ordinal));

    /// <summary>One cycle per strongly connected component of more than one namespace (Tarjan), as the path around it.</summary>
    private static List<List<string>> Cycles(IEnumerable<string> nodes, ILookup<string, string> next)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next[node])
            {
                if (!index.TryGetValue(to, out var seen))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Order(StringComparer.Ordinal).Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return [.. components.Where(c => c.Count > 1).Select(c => PathAround(c, next))];
    }

    /// <summary>A shortest cycle through the component's first namespace, found breadth-first inside the component.</summary>
    private static List<string> PathAround(HashSet<string> component, ILookup<string, string> next)
    {
        var start = component.Order(StringComparer.Ordinal).First();
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var to in next[node].Where(component.Contains))
            {
                if (to == start)
                {
                    var path = new List<string> { node };
                    while (path[^1] != start)
                    {
                        path.Add(previous[path[^1]]);
                    }

                    path.Reverse();
                    return path;
                }

                if (previous.TryAdd(to, node))
                {
                    queue.Enqueue(to);
                }
            }
        }

        return [start];
    }
}
