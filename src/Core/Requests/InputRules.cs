using System.Globalization;
using KadoaBridge.Core.Kadoa.Provisioning;

namespace KadoaBridge.Core.Requests;

/// <summary>The value rules the control plane's readers share: ids, ISO-8601 times and time ranges.</summary>
internal static class InputRules
{
    /// <summary>Longest change id or event type accepted. 256 characters.</summary>
    public const int MaxTextLength = 256;

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>The workflow id rule of provisioning (<c>^[A-Za-z0-9_-]{1,64}$</c>), so both ends accept the same ids.</summary>
    public static InputError? CheckWorkflowId(string? value, string field) =>
        ProvisioningRequestReader.CheckWorkflowId(value, field) is { } error ? new InputError(error.Field, error.Detail) : null;

    /// <summary>Adds <paramref name="error"/> when there is one: readers collect every field at fault.</summary>
    public static void AddIfAny(this List<InputError> errors, InputError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }

    /// <summary>Longest unknown parameter or property name an error repeats as its field. 64 characters.</summary>
    public const int MaxEchoedNameLength = 64;

    /// <summary>
    /// The field an error about the parameter or property <paramref name="name"/> names: the name itself when it can be
    /// repeated faithfully (1 to 64 characters, no control characters, no lone surrogate), else <paramref name="whole"/>
    /// (<c>query</c>, <c>body</c>).
    /// </summary>
    public static string FieldName(string name, string whole) =>
        name is { Length: > 0 and <= MaxEchoedNameLength } && !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsControl) && IsWellFormed(name) ? name : whole;

    /// <summary>1 to 256 characters, no control characters.</summary>
    public static InputError? CheckText(string? value, string field, string what) =>
        value is { Length: > 0 and <= MaxTextLength } && !value.Any(char.IsControl)
            ? null
            : new InputError(field, $"{what} must be 1 to {MaxTextLength} characters without control characters.");

    /// <summary>
    /// ISO-8601 date or date-time (<c>2024-05-01</c>, <c>2024-05-01T12:00:00Z</c>, with an offset or fraction); no offset
    /// means UTC. A space is read as '+' (an unencoded '+' in a query string arrives as a space).
    /// </summary>
    public static InputError? TryParseTime(string? value, string field, out DateTimeOffset time)
    {
        time = default;
        var text = value?.Trim().Replace(' ', '+');
        return text is { Length: > 0 and <= 40 } &&
            DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            ? null
            : new InputError(field, "Expected an ISO-8601 date or date-time, e.g. 2024-05-01 or 2024-05-01T12:00:00Z.");
    }

    /// <summary><see cref="TryParseTime"/> of a JSON body's string property; anything but a string is refused the same way.</summary>
    public static InputError? ReadTime(System.Text.Json.JsonElement value, string field, out DateTimeOffset? time)
    {
        time = null;
        var error = TryParseTime(value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null, field, out var parsed);
        if (error is null)
        {
            time = parsed;
        }

        return error;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="from"/> before <paramref name="to"/>.</summary>
    public static InputError? CheckOrder(DateTimeOffset from, DateTimeOffset to) =>
        from < to ? null : new InputError("from", $"from ({from:O}) must be before to ({to:O}).");

    /// <summary><paramref name="from"/> before <paramref name="to"/>, at most <paramref name="maxRange"/> apart (<paramref name="why"/> says when the limit applies).</summary>
    public static InputError? CheckRange(DateTimeOffset from, DateTimeOffset to, TimeSpan maxRange, string why) =>
        CheckOrder(from, to) ?? (to - from > maxRange
            ? new InputError("from", $"The range from {from:O} to {to:O} is longer than {maxRange.TotalDays:0.#} days{why}: narrow it.")
            : null);
}
