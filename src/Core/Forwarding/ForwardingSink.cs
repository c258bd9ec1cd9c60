using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa.Realtime;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// The forwarding side of <see cref="IFrameSink"/>: messages go to <see cref="FrameIntake"/> (decode → map), the
/// pipeline runs beside the receiver, and the resume point is the stored checkpoint until a newer frame is accepted.
/// </summary>
public sealed class ForwardingSink(FrameIntake intake, ForwardingPipeline pipeline, CheckpointStore checkpoints, ListenerState state) : IFrameSink
{
    public string? LastCursor => intake.LastCursor;

    public (int Events, long Bytes) InFlight => (pipeline.Budget.Events, pipeline.Budget.Bytes);

    public Task RunAsync(CancellationToken cancellationToken) => pipeline.RunAsync(cancellationToken);

    public void UseTeam(string teamId) => pipeline.UseTeam(teamId);

    public async Task LoadCheckpointAsync(string teamId, CancellationToken cancellationToken)
    {
        await pipeline.PrepareStorageAsync(cancellationToken);
        if (await checkpoints.ReadAsync(teamId, cancellationToken) is { } stored)
        {
            intake.ResumeFrom(stored.Cursor);
            state.OnCheckpoint(stored.Cursor, stored.EventTime, stored.UpdatedAt);
        }
    }

    public void OnMessage(RealtimeSocket socket, ReceivedMessage message) => intake.OnMessage(socket, message);

    public Task WaitUntilHalfFreeAsync(CancellationToken cancellationToken) => pipeline.Budget.WaitUntilHalfFreeAsync(cancellationToken);
}
