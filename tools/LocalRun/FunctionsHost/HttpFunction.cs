using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>A function with an <c>[HttpTrigger]</c>, served at <c>/{routePrefix}/{Route}</c>.</summary>
/// <param name="Route">The trigger's route template (the function name when the trigger sets none), without slashes around it.</param>
/// <param name="Methods">Upper-case HTTP methods; empty = every method.</param>
/// <param name="AuthLevel">The declared level. Not enforced by the local host.</param>
internal sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel, FunctionInvoker<HttpContext> Invoker);
