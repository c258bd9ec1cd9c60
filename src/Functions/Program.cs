using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Functions;
using KadoaBridge.ServiceDefaults;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The isolated worker's supported path: its OpenTelemetry defaults, with host.json "telemetryMode": "OpenTelemetry".
builder.AddBridgeTelemetry(FunctionsServices.ServiceName, BridgeTelemetry.Ingest, telemetry => telemetry.UseFunctionsWorkerDefaults());
builder.Services.AddBridgeFunctions(builder.Configuration);
await builder.Build().RunAsync();
