using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core;

/// <summary>
/// What every module's <c>Add…</c> does alike. A module adds the modules it needs itself, so hosts and tests may add
/// modules in any order and more than once: each registers its services the first time only.
/// </summary>
internal static class BridgeModules
{
    /// <summary>Runs <paramref name="register"/> the first time module <paramref name="name"/> is added to the builder; later calls add nothing.</summary>
    public static TBuilder AddModule<TBuilder>(this TBuilder builder, string name, Action<IServiceCollection> register)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(Module) && d.ImplementationInstance is Module module && module.Name == name))
        {
            services.AddSingleton(new Module(name));
            register(services);
        }

        return builder;
    }

    /// <summary>
    /// <typeparamref name="TOptions"/> bound from configuration section <paramref name="section"/> and checked by
    /// <typeparamref name="TValidator"/> when the host starts, so a bad setting stops it with a message naming the setting.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    private sealed record Module(string Name);
}
