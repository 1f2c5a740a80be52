using System.Diagnostics;
using EventLoopKv.Persistence;

namespace EventLoopKv.Server.Aof;

/// <summary>
/// BGREWRITEAOF while appendonly is no. Redis 7.0 still writes the dataset: a new base file
/// (the next base sequence), a manifest naming only that base, and the older files removed; the
/// server keeps running without an AOF. Same copy-on-write snapshot as a rewrite with the AOF on.
/// </summary>
internal sealed class RewriteWhileOff(RedisServer server)
{
    private long _startedTicks;

    public bool InProgress { get; private set; }
    public bool LastOk { get; private set; } = true;
    public long Rewrites { get; private set; }
    public long LastSeconds { get; private set; } = -1;

    public void Start()
    {
        var config = server.Config;
        var directory = AppendOnlyFile.DirectoryOf(config);
        var baseName = config.AppendFilename;
        AofManifest? existing;
        try
        {
            Directory.CreateDirectory(directory);
            existing = AofManifest.Load(directory, baseName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Redis starts the rewrite and fails it; say why at once instead.
            server.Log.Warning($"Background AOF rewrite failed: {e.Message}");
            LastOk = false;
            return;
        }
        var snapshots = server.Databases.Select(db => (db.Id, db.BeginSnapshot())).ToList();
        InProgress = true;
        _startedTicks = Stopwatch.GetTimestamp();
        var newBase = new AofFileInfo(AofManifest.BaseFileName(baseName, existing?.NextBaseSequence ?? 1), existing?.NextBaseSequence ?? 1, AofFileType.Base);
        var obsolete = existing is null ? [] : existing.FilesToLoad.Concat(existing.History).Select(f => f.Name).Where(name => name != newBase.Name).ToList();
        var temporary = Path.Combine(directory, $"temp-rewriteaof-bg-{Environment.ProcessId}.aof");
        server.Log.Notice("Background append only file rewriting started");
        AofRewriter.Start(temporary, snapshots, server.Clock.UnixTimeMilliseconds(), result =>
        {
            // Installed on the rewrite thread: no AOF writer runs to order it with.
            var error = result.Error;
            if (error is null)
            {
                try
                {
                    File.Move(temporary, Path.Combine(directory, newBase.Name), overwrite: true);
                    new AofManifest { Base = newBase, Incremental = [] }.Save(directory, baseName);
                    foreach (var name in obsolete) File.Delete(Path.Combine(directory, name));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error = e;
                }
            }
            server.Loop?.Post(() => Done(result, error));
        });
    }

    private void Done(AofRewriter.Result result, Exception? error)
    {
        foreach (var db in server.Databases) db.EndSnapshot();
        InProgress = false;
        LastSeconds = (long)Stopwatch.GetElapsedTime(_startedTicks).TotalSeconds;
        LastOk = error is null;
        if (error is not null)
        {
            server.Log.Warning($"Background AOF rewrite failed: {error.Message}");
            return;
        }
        Rewrites++;
        server.Log.Notice($"Background AOF rewrite finished successfully ({result.Keys} keys, {result.Bytes} bytes)");
    }
}
