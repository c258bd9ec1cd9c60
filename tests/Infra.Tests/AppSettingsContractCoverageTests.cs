using System.ComponentModel.DataAnnotations;
using System.Reflection;
using KadoaBridge.Core.Kadoa;

namespace KadoaBridge.Infra.Tests;

/// <summary>Keeps <see cref="AppSettingsContract"/> honest: every setting the apps require is in it (and so set by the Bicep).</summary>
public sealed class AppSettingsContractCoverageTests
{
    [Fact]
    public void Contract_EveryRequiredOptionOfTheApps_IsListed()
    {
        var listed = AppSettingsContract.Listener.Concat(AppSettingsContract.Functions).ToHashSet(StringComparer.Ordinal);
        var required = typeof(KadoaOptions).Assembly.GetTypes()
            .Select(type => (Type: type, Section: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(options => options.Section is not null)
            .SelectMany(options => options.Type.GetProperties()
                .Where(property => property.GetCustomAttribute<RequiredAttribute>() is not null)
                .Select(property => $"{options.Section}__{property.Name}"))
            .ToList();

        Assert.Contains("Kadoa__ApiKey", required); // the reflection finds the options classes
        Assert.All(required, setting => Assert.Contains(setting, listed));
    }
}
