using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Functions.Tests;

/// <summary>
/// The Functions app's services, composed exactly as in production (<see cref="FunctionsServices.AddBridgeFunctions"/>)
/// with test configuration; function classes are created from it and called in-process with real services behind.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public FunctionsTestHost(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.AddBridgeFunctions();
        configure?.Invoke(builder.Services);
        _provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IServiceProvider Services => _provider;

    /// <summary>Creates a function class the way the worker does: constructor injection from the container.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_provider);

    /// <summary>An HTTP request as the ASP.NET Core integration hands it to a function.</summary>
    public static HttpRequest Request(string method, string path, string? body = null, string? contentType = "application/json", IDictionary<string, string>? query = null, IDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (query is not null)
        {
            context.Request.QueryString = QueryString.Create(query!);
        }

        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[key] = value;
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
