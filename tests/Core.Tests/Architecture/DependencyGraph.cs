using Mono.Cecil;

namespace KadoaBridge.Core.Tests.Architecture;

/// <summary>
/// Which type of an assembly uses which type of the same root namespace, read from the compiled assembly: base types,
/// interfaces, attributes, fields, properties, events, signatures, locals and every type, method and field an
/// instruction names (so a type of the same root namespace used without a <c>using</c> is counted too). A nested or
/// compiler-generated type (lambdas, async state machines) counts as its outermost type. Not followed: <c>typeof</c> in an
/// attribute's arguments (source generators reference those types in code anyway).
/// </summary>
internal sealed class DependencyGraph
{
    private DependencyGraph(IReadOnlyList<Dependency> dependencies) => Dependencies = dependencies;

    /// <summary>Every distinct type-to-type use across two namespaces under the root.</summary>
    public IReadOnlyList<Dependency> Dependencies { get; }

    /// <summary>Every namespace under the root that declares a type.</summary>
    public IReadOnlySet<string> Namespaces { get; private init; } = new HashSet<string>();

    public static DependencyGraph Read(string assemblyPath, string root)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var found = new HashSet<Dependency>();
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in module.Types.Where(t => InRoot(t.Namespace, root)))
        {
            namespaces.Add(type.Namespace);
            var used = new HashSet<TypeReference>();
            Collect(type, used);
            foreach (var target in used.Select(Outermost).Where(t => InRoot(t.Namespace, root) && t.Namespace != type.Namespace))
            {
                found.Add(new Dependency(type.FullName, type.Namespace, target.FullName, target.Namespace));
            }
        }

        return new DependencyGraph([.. found.OrderBy(d => d.From, StringComparer.Ordinal).ThenBy(d => d.To, StringComparer.Ordinal)]) { Namespaces = namespaces };
    }

    private static bool InRoot(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static void Collect(TypeDefinition type, HashSet<TypeReference> used)
    {
        Add(used, type.BaseType);
        Attributes(type, used);
        foreach (var implemented in type.Interfaces)
        {
            Add(used, implemented.InterfaceType);
        }

        Constraints(type, used);
        foreach (var field in type.Fields)
        {
            Attributes(field, used);
            Add(used, field.FieldType);
        }

        foreach (var property in type.Properties)
        {
            Attributes(property, used);
            Add(used, property.PropertyType);
        }

        foreach (var e in type.Events)
        {
            Add(used, e.EventType);
        }

        foreach (var method in type.Methods)
        {
            Method(method, used);
        }

        foreach (var nested in type.NestedTypes)
        {
            Collect(nested, used);
        }
    }

    private static void Method(MethodDefinition method, HashSet<TypeReference> used)
    {
        Attributes(method, used);
        Constraints(method, used);
        AddSignature(used, method);
        if (!method.HasBody)
        {
            return;
        }

        foreach (var local in method.Body.Variables)
        {
            Add(used, local.VariableType);
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference t: Add(used, t); break;
                case MethodReference m: AddSignature(used, m); break;
                case FieldReference f: Add(used, f.DeclaringType); Add(used, f.FieldType); break;
            }
        }
    }

    private static void AddSignature(HashSet<TypeReference> used, MethodReference method)
    {
        Add(used, method.DeclaringType);
        Add(used, method.ReturnType);
        foreach (var parameter in method.Parameters)
        {
            Add(used, parameter.ParameterType);
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Add(used, argument);
            }
        }
    }

    private static void Attributes(ICustomAttributeProvider provider, HashSet<TypeReference> used)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Add(used, attribute.AttributeType);
        }
    }

    private static void Constraints(IGenericParameterProvider provider, HashSet<TypeReference> used)
    {
        foreach (var constraint in provider.GenericParameters.SelectMany(p => p.Constraints))
        {
            Add(used, constraint.ConstraintType);
        }
    }

    /// <summary>A type and what it is built of: the element of an array, pointer or by-ref, a generic type and its arguments.</summary>
    private static void Add(HashSet<TypeReference> used, TypeReference? type)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(used, generic.ElementType);
                foreach (var argument in generic.GenericArguments)
                {
                    Add(used, argument);
                }

                return;
            case TypeSpecification specification:
                Add(used, specification.ElementType);
                return;
            default:
                used.Add(type);
                return;
        }
    }

    /// <summary>Type <paramref name="From"/> (in <paramref name="FromNamespace"/>) uses type <paramref name="To"/>.</summary>
    public sealed record Dependency(string From, string FromNamespace, string To, string ToNamespace)
    {
        public override string ToString() => $"{From} -> {To}";
    }
}
