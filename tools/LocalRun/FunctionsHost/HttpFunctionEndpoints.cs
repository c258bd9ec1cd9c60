using KadoaBridge.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Maps every HTTP function to <c>/{routePrefix}/{route}</c> with its methods, as the Functions host does. The
/// function's result is executed like the ASP.NET Core integration does: <c>IActionResult</c> through MVC's result
/// executors, <c>IResult</c> directly, any other object as JSON; an unexpected exception is <see cref="HttpFailure"/>'s
/// problem+json 500, as in the worker. Function keys are not checked locally.
/// </summary>
internal static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, string routePrefix, IEnumerable<HttpFunction> functions)
    {
        foreach (var function in functions)
        {
            var pattern = "/" + string.Join('/', new[] { routePrefix.Trim('/'), function.Route }.Where(part => part.Length > 0));
            RequestDelegate handler = context => InvokeAsync(function, context);
            var endpoint = function.Methods.Count == 0 ? endpoints.Map(pattern, handler) : endpoints.MapMethods(pattern, function.Methods, handler);
            endpoint.WithDisplayName(function.Name);
        }
    }

    private static async Task InvokeAsync(HttpFunction function, HttpContext context)
    {
        // What HttpFailureMiddleware does in the worker: an unexpected exception answers the same problem+json 500.
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(HttpFailure.LogCategory);
        var result = await HttpFailure.InvokeAsync(
            () => function.Invoker.InvokeAsync(context.RequestServices, context, context.RequestAborted), function.Name, context.TraceIdentifier, logger, context.RequestAborted);
        switch (result)
        {
            case null:
                return; // the function wrote the response itself, or answers 200 with no body
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                return;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                return;
            default:
                await new ObjectResult(result).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                return;
        }
    }
}
