using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Functions.Http;

/// <summary>
/// Isolated-worker middleware: an HTTP-triggered function's unexpected exception becomes
/// <see cref="HttpFailure.Answer"/>'s problem+json 500 (set as the invocation result, which the ASP.NET Core
/// integration writes), instead of the host's empty 500. Other triggers keep their exceptions (queue retries, poison).
/// </summary>
internal sealed class HttpFailureMiddleware(ILoggerFactory loggers) : IFunctionsWorkerMiddleware
{
    private readonly ILogger _logger = loggers.CreateLogger(HttpFailure.LogCategory);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var result = await HttpFailure.InvokeAsync(
            async () =>
            {
                await next(context);
                return null;
            },
            context.FunctionDefinition.Name,
            context.InvocationId,
            _logger,
            context.CancellationToken);
        if (result is not null)
        {
            context.GetInvocationResult().Value = result;
        }
    }
}
