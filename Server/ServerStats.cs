namespace EventLoopKv.Server;

/// <summary>Counters for INFO stats, updated by the loop thread only.</summary>
internal sealed class ServerStats
{
    public long ConnectionsReceived;
    public long CommandsProcessed;
    public long RejectedConnections;
    public long ExpiredKeys;
    public long KeyspaceHits;
    public long KeyspaceMisses;
    public long NetInputBytes;
    public long NetOutputBytes;
    /// <summary>Writes since start (Redis's "dirty" counter, INFO rdb_changes_since_last_save).</summary>
    public long Dirty;
    public long PeakMemory;

    // instantaneous_ops_per_sec: Redis samples the command counter every cron tick and averages
    // the last 16 samples.
    private readonly double[] _opsSamples = new double[16];
    private int _sampleIndex;
    private long _lastSampleCommands;
    private long _lastSampleTicks = Environment.TickCount64;

    public long InstantaneousOpsPerSecond => (long)(_opsSamples.Sum() / _opsSamples.Length);

    public void Sample()
    {
        var now = Environment.TickCount64;
        var elapsed = now - _lastSampleTicks;
        if (elapsed <= 0) return;
        _opsSamples[_sampleIndex++ % _opsSamples.Length] = (CommandsProcessed - _lastSampleCommands) * 1000.0 / elapsed;
        _lastSampleCommands = CommandsProcessed;
        _lastSampleTicks = now;
        PeakMemory = Math.Max(PeakMemory, GC.GetTotalMemory(false));
    }

    public void Reset()
    {
        ConnectionsReceived = CommandsProcessed = RejectedConnections = ExpiredKeys = 0;
        KeyspaceHits = KeyspaceMisses = NetInputBytes = NetOutputBytes = 0;
        Array.Clear(_opsSamples);
        _lastSampleCommands = 0;
    }
}
