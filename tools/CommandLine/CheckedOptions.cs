using System.CommandLine;
using System.Globalization;

namespace KadoaBridge.CommandLine;

/// <summary>
/// Options whose value is checked while it is parsed, so a bad value fails the parse with a message that names the
/// option (a validator on an <see cref="Option{T}"/> runs before conversion and cannot see a value that did not parse).
/// Compiled into each tool and the bench (tools/CommandLine).
/// </summary>
internal static class CheckedOptions
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="defaultValue"/> when absent (null: 0, see <c>ParseResult.GetResult</c>).</summary>
    public static Option<int> WholeNumber(string name, string description, int min, int max, int? defaultValue = null, string? helpName = null)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                var range = max == int.MaxValue ? $"of at least {min}" : $"from {min} to {max}";
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number {range} (got '{text}')."));
                return default;
            },
        };
        if (defaultValue is { } fallback)
        {
            option.DefaultValueFactory = _ => fallback;
        }

        return option;
    }

    /// <summary>
    /// A finite number of at least <paramref name="min"/> (above it with <paramref name="aboveMin"/>) and at most
    /// <paramref name="max"/>; <paramref name="defaultValue"/> when absent (null: 0, see <c>ParseResult.GetResult</c>).
    /// </summary>
    public static Option<double> Number(
        string name, string description, double min, double max = double.PositiveInfinity, bool aboveMin = false, double? defaultValue = null, string? helpName = null)
    {
        var range = (aboveMin ? $" above {Text(min)}" : min == 0 ? ", 0 or more" : $" of at least {Text(min)}")
            + (double.IsPositiveInfinity(max) ? string.Empty : $", at most {Text(max)}");
        var option = new Option<double>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    && double.IsFinite(value) && (aboveMin ? value > min : value >= min) && value <= max)
                {
                    return value;
                }

                result.AddError($"{name} must be a number{range} (got '{text}').");
                return default;
            },
        };
        if (defaultValue is { } fallback)
        {
            option.DefaultValueFactory = _ => fallback;
        }

        return option;
    }

    /// <summary>A text that is not empty; <paramref name="defaultValue"/> when absent.</summary>
    public static Option<string> NonEmptyText(string name, string description, string defaultValue, string? helpName = null) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (text.Length == 0)
            {
                result.AddError($"{name} needs a value that is not empty.");
            }

            return text;
        },
    };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
