using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Functions;
using KadoaBridge.Functions.Http;
using KadoaBridge.ServiceDefaults;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// After the ASP.NET Core integration's own middleware, so the problem+json 500 it sets is the response it writes.
builder.UseMiddleware<HttpFailureMiddleware>();
// The isolated worker's supported path: its OpenTelemetry defaults, with host.json "telemetryMode": "OpenTelemetry".
builder.AddBridgeTelemetry(FunctionsServices.ServiceName, BridgeTelemetry.Ingest, telemetry => telemetry.UseFunctionsWorkerDefaults());
builder.AddBridgeFunctions();
await builder.Build().RunAsync();
