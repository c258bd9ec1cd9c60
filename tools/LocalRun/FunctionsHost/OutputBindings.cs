using System.Collections;
using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// A function's output bindings, as the worker applies them: <c>[QueueOutput]</c> on the method (the return value is
/// the message) or on properties of the returned type (each property a message or a list of messages), and
/// <c>[HttpResult]</c> naming the property that is the HTTP response. Other output bindings are not run locally.
/// </summary>
internal sealed class OutputBindings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly QueueOutputAttribute? _methodOutput;
    private readonly (PropertyInfo Property, QueueOutputAttribute Output)[] _propertyOutputs;
    private readonly PropertyInfo? _httpResult;

    private OutputBindings(QueueOutputAttribute? methodOutput, (PropertyInfo, QueueOutputAttribute)[] propertyOutputs, PropertyInfo? httpResult)
    {
        _methodOutput = methodOutput;
        _propertyOutputs = propertyOutputs;
        _httpResult = httpResult;
    }

    /// <summary>The outputs of <paramref name="method"/>; null with a reason when it uses a binding the local host cannot run.</summary>
    public static OutputBindings? Create(MethodInfo method, out string? unsupported)
    {
        unsupported = null;
        var onMethod = method.GetCustomAttributes().Concat(method.ReturnParameter.GetCustomAttributes()).OfType<OutputBindingAttribute>().ToList();
        if (onMethod.Find(a => a is not QueueOutputAttribute) is { } other)
        {
            unsupported = $"output binding [{Short(other)}] is not run by the local host";
            return null;
        }

        var resultType = UnwrapTask(method.ReturnType);
        var properties = new List<(PropertyInfo, QueueOutputAttribute)>();
        PropertyInfo? httpResult = null;
        if (resultType is not null && onMethod.Count == 0)
        {
            foreach (var property in resultType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var attribute in property.GetCustomAttributes())
                {
                    switch (attribute)
                    {
                        case QueueOutputAttribute queue:
                            properties.Add((property, queue));
                            break;
                        case HttpResultAttribute:
                            httpResult = property;
                            break;
                        case OutputBindingAttribute binding:
                            unsupported = $"output binding [{Short(binding)}] on {resultType.Name}.{property.Name} is not run by the local host";
                            return null;
                    }
                }
            }
        }

        return new OutputBindings(onMethod.Cast<QueueOutputAttribute>().FirstOrDefault(), [.. properties], httpResult);
    }

    /// <summary>Sends the queue outputs of <paramref name="result"/>; returns the part that is the function's own result.</summary>
    public async Task<object?> ApplyAsync(object? result, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (_methodOutput is not null)
        {
            await SendAsync(services, _methodOutput, result, cancellationToken);
            return null;
        }

        if (_propertyOutputs.Length == 0 && _httpResult is null)
        {
            return result;
        }

        if (result is null)
        {
            return null;
        }

        foreach (var (property, output) in _propertyOutputs)
        {
            await SendAsync(services, output, property.GetValue(result), cancellationToken);
        }

        return _httpResult?.GetValue(result);
    }

    private static async Task SendAsync(IServiceProvider services, QueueOutputAttribute output, object? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }

        var queue = await services.GetRequiredService<LocalQueues>().GetAsync(output.Connection, output.QueueName, cancellationToken);
        foreach (var message in Messages(value))
        {
            await queue.SendMessageAsync(message, cancellationToken: cancellationToken);
        }
    }

    /// <summary>One message per value; a collection (other than text or bytes) is one message per item, as the worker does.</summary>
    private static IEnumerable<BinaryData> Messages(object value) => value switch
    {
        string text => [BinaryData.FromString(text)],
        byte[] bytes => [BinaryData.FromBytes(bytes)],
        BinaryData data => [data],
        ReadOnlyMemory<byte> memory => [BinaryData.FromBytes(memory)],
        IEnumerable items => items.Cast<object?>().Where(item => item is not null).SelectMany(item => Messages(item!)),
        _ => [BinaryData.FromString(JsonSerializer.Serialize(value, value.GetType(), Json))],
    };

    private static Type? UnwrapTask(Type type) =>
        type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask) ? null
        : type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)) ? type.GetGenericArguments()[0]
        : type;

    private static string Short(Attribute attribute) => attribute.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal);
}
