using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Maps every HTTP function to <c>/{routePrefix}/{route}</c> with its methods, as the Functions host does. The
/// function's result is executed like the ASP.NET Core integration does: <c>IActionResult</c> through MVC's result
/// executors, <c>IResult</c> directly, any other object as JSON. Function keys are not checked locally.
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
        var result = await function.Invoker.InvokeAsync(context.RequestServices, context, context.RequestAborted);
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
