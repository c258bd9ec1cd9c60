using Azure;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>What of a recovery failure may reach a response: storage's status and error code, or the bridge's own words, never request details.</summary>
public static class RecoveryErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } => "storage could not be reached",
        RequestFailedException storage => $"storage answered {storage.Status} {storage.ErrorCode}".TrimEnd(),
        InvalidDataException own => own.Message,
        _ => exception.GetType().Name,
    };
}
