namespace KadoaBridge.Core.ControlPlane;

/// <summary>Where a replay stands.</summary>
public enum ReplayState
{
    /// <summary>Background work items are republishing page by page.</summary>
    Running,

    /// <summary>Every selected change was republished (deliveries that failed are left to redrive).</summary>
    Completed,

    /// <summary>A work item failed every attempt; <see cref="ReplayJob.LastError"/> says why.</summary>
    Failed,
}
