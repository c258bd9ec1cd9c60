namespace KadoaBridge.EventGridEmulator;

/// <summary>Configuration of one <see cref="EventGridEmulator"/>.</summary>
public sealed class EventGridEmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1. Default 0: a free port chosen by the OS (read it back from <see cref="EventGridEmulator.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>The custom topics the emulator serves. Names are unique (case-insensitive).</summary>
    public IList<TopicOptions> Topics { get; } = new List<TopicOptions>();

    /// <summary>
    /// Called for every accepted event (topic name, event) after its whole batch was accepted, on the request path,
    /// possibly from several requests at once. Default none. Keep it cheap; the standalone host prints one line per event here.
    /// </summary>
    public Action<string, AcceptedEvent>? EventAccepted { get; set; }

    /// <summary>Configures the emulator's logging. Default: no logging providers, so in-process use stays quiet.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Clock for timestamps, fault durations, fault delays and delivery backoff. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
