namespace EventLoopKv.Persistence;

/// <summary>appendfsync: when written data is forced to disk.</summary>
public enum FsyncPolicy
{
    /// <summary>Before any reply that depends on the data is sent (group commit per loop iteration).</summary>
    Always,
    /// <summary>Once a second, on the writer thread.</summary>
    EverySecond,
    /// <summary>When the operating system decides.</summary>
    No,
}
