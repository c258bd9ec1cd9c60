using System.Reflection;

namespace KadoaBridge.LocalRun.FunctionsHost;

/// <summary>
/// Calls one function method the way the isolated worker does: a new instance of its class per invocation, built
/// by constructor injection from the invocation's services (none for a static method), each parameter bound from
/// the trigger context, the returned task awaited and its result unwrapped. Output bindings are applied after.
/// </summary>
/// <typeparam name="TContext">What the trigger hands over (an <see cref="HttpContext"/>, a queue message, a timer tick).</typeparam>
internal sealed class FunctionInvoker<TContext>
{
    private readonly MethodInfo _method;
    private readonly Func<TContext, object?>[] _binders;
    private readonly OutputBindings _outputs;
    private readonly Func<object, Task<object?>>? _unwrap;

    public FunctionInvoker(MethodInfo method, Func<TContext, object?>[] binders, OutputBindings outputs)
    {
        _method = method;
        _binders = binders;
        _outputs = outputs;
        _unwrap = CreateUnwrap(method.ReturnType);
    }

    /// <summary>Invokes the function; returns what is left of its result after output bindings (the HTTP response for HTTP functions).</summary>
    public async Task<object?> InvokeAsync(IServiceProvider services, TContext context, CancellationToken cancellationToken)
    {
        var instance = _method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, _method.DeclaringType!);
        try
        {
            var arguments = new object?[_binders.Length];
            for (var i = 0; i < _binders.Length; i++)
            {
                arguments[i] = _binders[i](context);
            }

            var returned = _method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
            var result = returned is null || _unwrap is null ? returned : await _unwrap(returned);
            return await _outputs.ApplyAsync(result, services, cancellationToken);
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Awaits <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> and <c>ValueTask&lt;T&gt;</c>; null for synchronous methods.</summary>
    private static Func<object, Task<object?>>? CreateUnwrap(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return async returned =>
            {
                await (Task)returned;
                return null;
            };
        }

        if (returnType == typeof(ValueTask))
        {
            return async returned =>
            {
                await (ValueTask)returned;
                return null;
            };
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = returnType.GetProperty(nameof(Task<object>.Result))!;
            return async returned =>
            {
                await (Task)returned;
                return result.GetValue(returned);
            };
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = returnType.GetMethod(nameof(ValueTask<object>.AsTask))!;
            var result = asTask.ReturnType.GetProperty(nameof(Task<object>.Result))!;
            return async returned =>
            {
                var task = (Task)asTask.Invoke(returned, null)!;
                await task;
                return result.GetValue(task);
            };
        }

        return null;
    }
}
