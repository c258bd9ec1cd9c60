using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Every <c>[Function]</c> method of an assembly, sorted by trigger, found by reflection as the worker's metadata
/// generator does: a new function needs no change here. A function the local host cannot run (another trigger,
/// another output binding, a parameter it cannot bind) is listed in <see cref="Skipped"/> with the reason.
/// </summary>
internal sealed partial class FunctionCatalog
{
    private FunctionCatalog(List<HttpFunction> http, List<QueueFunction> queue, List<TimerFunction> timer, List<SkippedFunction> skipped)
    {
        Http = http;
        Queue = queue;
        Timer = timer;
        Skipped = skipped;
    }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyList<QueueFunction> Queue { get; }

    public IReadOnlyList<TimerFunction> Timer { get; }

    public IReadOnlyList<SkippedFunction> Skipped { get; }

    /// <param name="configuration">Resolves <c>%setting%</c> expressions in queue names and schedules, as the host does.</param>
    public static FunctionCatalog Discover(Assembly assembly, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        List<HttpFunction> http = [];
        List<QueueFunction> queue = [];
        List<TimerFunction> timer = [];
        List<SkippedFunction> skipped = [];
        var methods = assembly.GetTypes()
            .Where(type => type.IsClass)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Function: method.GetCustomAttribute<FunctionAttribute>()))
            .Where(found => found.Function is not null)
            .OrderBy(found => found.Function!.Name, StringComparer.Ordinal);
        foreach (var (method, function) in methods)
        {
            var name = function!.Name;
            var outputs = OutputBindings.Create(method, out var unsupported);
            var triggers = method.GetParameters()
                .SelectMany(parameter => parameter.GetCustomAttributes().OfType<TriggerBindingAttribute>().Select(trigger => (Parameter: parameter, Trigger: trigger)))
                .ToList();
            if (outputs is null || triggers.Count != 1)
            {
                skipped.Add(new SkippedFunction(name, unsupported ?? "a function has exactly one trigger parameter"));
                continue;
            }

            var (triggerParameter, trigger) = triggers[0];
            string? reason;
            switch (trigger)
            {
                case HttpTriggerAttribute httpTrigger:
                    var route = (httpTrigger.Route ?? name).Trim('/');
                    var routeValues = RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    if (TryBind(method, parameter => BindHttp(parameter, triggerParameter, routeValues), out var httpBinders, out reason))
                    {
                        var verbs = (httpTrigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList();
                        http.Add(new HttpFunction(name, route, verbs, httpTrigger.AuthLevel, new FunctionInvoker<HttpContext>(method, httpBinders, outputs)));
                        continue;
                    }

                    break;
                case QueueTriggerAttribute queueTrigger:
                    if (!TryResolve(queueTrigger.QueueName, configuration, out var queueName, out reason))
                    {
                        break;
                    }

                    if (TryBind(method, parameter => BindQueue(parameter, triggerParameter), out var queueBinders, out reason))
                    {
                        queue.Add(new QueueFunction(name, queueName, queueTrigger.Connection, new FunctionInvoker<QueueInvocation>(method, queueBinders, outputs)));
                        continue;
                    }

                    break;
                case TimerTriggerAttribute timerTrigger:
                    if (!TryResolve(timerTrigger.Schedule, configuration, out var schedule, out reason))
                    {
                        break;
                    }

                    if (TryBind(method, parameter => BindTimer(parameter, triggerParameter), out var timerBinders, out reason))
                    {
                        timer.Add(new TimerFunction(name, schedule, timerTrigger.RunOnStartup, new FunctionInvoker<TimerInvocation>(method, timerBinders, outputs)));
                        continue;
                    }

                    break;
                default:
                    reason = $"[{trigger.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal)}] triggers are not run by the local host";
                    break;
            }

            skipped.Add(new SkippedFunction(name, reason!));
        }

        return new FunctionCatalog(http, queue, timer, skipped);
    }

    private static bool TryBind<TContext>(MethodInfo method, Func<ParameterInfo, Func<TContext, object?>?> bind, out Func<TContext, object?>[] binders, out string? reason)
    {
        var parameters = method.GetParameters();
        binders = new Func<TContext, object?>[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (bind(parameters[i]) is not { } binder)
            {
                reason = $"parameter '{parameters[i].Name}' ({parameters[i].ParameterType.Name}) cannot be bound by the local host";
                return false;
            }

            binders[i] = binder;
        }

        reason = null;
        return true;
    }

    /// <summary>Replaces <c>%name%</c> with the setting <c>name</c>, as binding expressions in the Functions host.</summary>
    private static bool TryResolve(string text, IConfiguration configuration, out string resolved, out string? reason)
    {
        string? missing = null;
        resolved = SettingExpression().Replace(text, match => configuration[match.Groups["name"].Value] ?? (missing ??= match.Groups["name"].Value));
        reason = missing is null ? null : $"setting '{missing}' (used as %{missing}%) is not configured";
        return missing is null;
    }

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex SettingExpression();
}
