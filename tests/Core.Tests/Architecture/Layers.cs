namespace KadoaBridge.Core.Tests.Architecture;

/// <summary>
/// The layers of <c>src/Core</c>, bottom first, as docs/architecture.md draws them. A layer is one or more namespaces
/// (each with the namespaces under it); a layer may depend on the layers below it, never on one above.
/// </summary>
internal static class Layers
{
    public const string Root = "KadoaBridge.Core";

    /// <summary>Bottom first.</summary>
    public static readonly IReadOnlyList<Layer> All =
    [
        new("Foundation", [Root, "Batching"]),
        new("Storage", ["Storage", "EventGrid"]),
        new("Diagnostics", ["Diagnostics"]),
        new("Kadoa protocol", ["Kadoa"]),
        new("Contract", ["Contract"]),
        new("Forwarding", ["Forwarding"]),
        new("Routing", ["Routing"]),
        new("Delivery", ["Delivery"]),
        new("Ingest", ["Ingest"]),
        new("Requests", ["Requests"]),
        new("Reconcile", ["Reconcile"]),
        new("Control plane", ["ControlPlane"]),
    ];

    /// <summary>The listener's pipeline and ingest's chain sit side by side on the layers below; neither reaches into the other.</summary>
    public static readonly IReadOnlyList<string> ListenerSide = ["Forwarding"];

    public static readonly IReadOnlyList<string> FunctionsSide = ["Routing", "Delivery", "Ingest"];

    /// <summary>0 for the bottom layer.</summary>
    public static int Height(Layer layer) => All.ToList().IndexOf(layer);

    public static Layer Named(string name) => All.Single(layer => layer.Name == name);

    /// <summary>The layer a namespace of Core belongs to, or null when none claims it.</summary>
    public static Layer? Of(string ns) => All.FirstOrDefault(layer => layer.Contains(ns));

    /// <summary>The full names of the namespaces above <paramref name="layer"/>.</summary>
    public static IReadOnlyList<string> Above(Layer layer) =>
        All.SkipWhile(l => l != layer).Skip(1).SelectMany(l => l.Namespaces).Select(FullName).ToList();

    public static string FullName(string ns) => ns == Root ? Root : Root + "." + ns;

    /// <summary>One layer: its name and its namespaces, relative to <see cref="Root"/> (the root itself spelled in full).</summary>
    public sealed record Layer(string Name, IReadOnlyList<string> Namespaces)
    {
        /// <summary>True for the layer's namespaces and those under them (the root only for itself).</summary>
        public bool Contains(string ns) => Namespaces.Any(n => n == Root
            ? ns == Root
            : ns == FullName(n) || ns.StartsWith(FullName(n) + ".", StringComparison.Ordinal));

        public override string ToString() => Name;
    }
}
