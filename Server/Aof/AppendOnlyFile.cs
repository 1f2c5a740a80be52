using System.Diagnostics;
using EventLoopKv.Persistence;
using EventLoopKv.Protocol;
using EventLoopKv.Server.Configuration;

namespace EventLoopKv.Server.Aof;

/// <summary>
/// The loop's side of the append-only file (Redis aof.c): it encodes each write command's
/// effect into the current batch, hands the batch to the <see cref="AofWriter"/> before the loop
/// sleeps (written inline when the writer is idle), holds replies until their batch is written
/// (under appendfsync always: fsynced), refuses
/// writes while the disk fails, and runs BGREWRITEAOF with copy-on-write snapshots.
/// Everything here runs on the loop thread; the writer's reports arrive through
/// <see cref="EventLoop.Post"/>.
/// </summary>
internal sealed class AppendOnlyFile : IAofWriterEvents, IDisposable
{
    private readonly RedisServer _server;
    private readonly string _directory;
    private readonly string _baseName;
    private AofWriter _writer;
    private AofManifest _manifest;
    private AofBuffer _batch = new();
    private int _batchDb = -1;
    private long _handedSequence;
    private long _syncedSequence;
    private bool _slowFsync;
    private int _transactionDb = -1;
    private bool _transactionOpen;

    // Rewrite state.
    private bool _rewriting;
    private bool _rewriteScheduled;
    private bool _scheduledSwitchesIncremental = true;
    private long _rewriteStartedTicks;
    private long _lastRewriteSeconds = -1;
    private bool _lastRewriteOk = true;
    private long _rewrites;
    private long _baseSize;

    /// <summary>Why writes are refused (the last write or fsync error), or null when the disk is fine.</summary>
    public string? WriteError { get; private set; }

    private AppendOnlyFile(RedisServer server, string directory, AofManifest manifest, AofWriter? writer)
    {
        _server = server;
        _directory = directory;
        _baseName = server.Config.AppendFilename;
        _manifest = manifest;
        _writer = writer!;
    }

    public static FsyncPolicy PolicyOf(ServerConfig config) => config.AppendFsync switch
    {
        AppendFsync.Always => FsyncPolicy.Always,
        AppendFsync.No => FsyncPolicy.No,
        _ => FsyncPolicy.EverySecond,
    };

    public static string DirectoryOf(ServerConfig config) => Path.Combine(config.Dir, config.AppendDirname);

    /// <summary>
    /// Start-up with appendonly yes: loads the directory's files into the keyspace (or creates
    /// an empty base and manifest) and opens the last incremental file for appending.
    /// Throws <see cref="AofLoadException"/> with a one-line reason when the files cannot be loaded.
    /// </summary>
    public static AppendOnlyFile OpenAtStartup(RedisServer server)
    {
        var config = server.Config;
        var directory = DirectoryOf(config);
        Directory.CreateDirectory(directory);
        AofManifest? manifest;
        try
        {
            manifest = AofManifest.Load(directory, config.AppendFilename);
        }
        catch (FormatException e)
        {
            throw new AofLoadException($"Bad AOF manifest {Path.Combine(directory, AofManifest.ManifestName(config.AppendFilename))}: {e.Message}");
        }
        if (manifest is null && File.Exists(Path.Combine(config.Dir, config.AppendFilename)))
            manifest = MigrateSingleFile(server, directory);
        if (manifest is null)
        {
            var baseFile = new AofFileInfo(AofManifest.BaseFileName(config.AppendFilename, 1), 1, AofFileType.Base);
            var incremental = new AofFileInfo(AofManifest.IncrementalFileName(config.AppendFilename, 1), 1, AofFileType.Incremental);
            using (var file = new FileStream(Path.Combine(directory, baseFile.Name), FileMode.Create)) file.Flush(true);
            manifest = new AofManifest { Base = baseFile, Incremental = [incremental] };
            File.Create(Path.Combine(directory, incremental.Name)).Dispose();
            manifest.Save(directory, config.AppendFilename);
            server.Log.Notice($"Creating AOF base file {baseFile.Name} on server start");
            server.Log.Notice($"Creating AOF incr file {incremental.Name} on server start");
        }
        else
        {
            AofLoader.Load(server, directory, manifest);
        }
        if (manifest.Incremental.Count == 0)
        {
            // A base alone (written by a rewrite with nothing after it): start an incremental file.
            var incremental = new AofFileInfo(AofManifest.IncrementalFileName(config.AppendFilename, manifest.NextIncrementalSequence), manifest.NextIncrementalSequence, AofFileType.Incremental);
            manifest = new AofManifest { Base = manifest.Base, Incremental = [incremental] };
            File.Create(Path.Combine(directory, incremental.Name)).Dispose();
            manifest.Save(directory, config.AppendFilename);
        }
        var aof = new AppendOnlyFile(server, directory, manifest, null);
        aof._writer = new AofWriter(Path.Combine(directory, manifest.Incremental[^1].Name), PolicyOf(config), aof);
        aof._baseSize = manifest.Base is null ? 0 : FileLength(Path.Combine(directory, manifest.Base.Name));
        return aof;
    }

    /// <summary>
    /// Redis 7.0's aofUpgradePrepare: an old single-file AOF in --dir (Redis 6 and earlier) becomes
    /// the base of a new manifest, moved into the AOF directory, so data written by an older
    /// redis-server is not silently ignored. The manifest is saved first, as Redis does.
    /// </summary>
    private static AofManifest MigrateSingleFile(RedisServer server, string directory)
    {
        var name = server.Config.AppendFilename;
        var manifest = new AofManifest { Base = new AofFileInfo(name, 1, AofFileType.Base), Incremental = [] };
        manifest.Save(directory, name);
        File.Move(Path.Combine(server.Config.Dir, name), Path.Combine(directory, name));
        DurableFiles.SyncDirectory(server.Config.Dir);
        server.Log.Notice($"Successfully migrated an old-style AOF file ({name}) into the AOF directory ({server.Config.AppendDirname}).");
        return manifest;
    }

    /// <summary>CONFIG SET appendonly yes at run time: a rewrite writes the current dataset as the base.</summary>
    public static AppendOnlyFile EnableAtRunTime(RedisServer server)
    {
        var config = server.Config;
        var directory = DirectoryOf(config);
        Directory.CreateDirectory(directory);
        AofManifest? existing = null;
        try { existing = AofManifest.Load(directory, config.AppendFilename); } catch (FormatException) { }
        var next = Math.Max(existing?.NextIncrementalSequence ?? 1, existing?.NextBaseSequence ?? 1);
        var incremental = new AofFileInfo(AofManifest.IncrementalFileName(config.AppendFilename, next), next, AofFileType.Incremental);
        var manifest = new AofManifest { Base = existing?.Base, Incremental = [incremental] };
        var aof = new AppendOnlyFile(server, directory, manifest, null);
        aof._writer = new AofWriter(Path.Combine(directory, incremental.Name), PolicyOf(config), aof);
        // The manifest on disk still describes the old files until the base is installed, as in
        // Redis: a crash before that loads what was there before.
        aof.StartRewrite(switchIncremental: false);
        return aof;
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public FsyncPolicy Policy
    {
        get => _writer.Policy;
        set => _writer.Policy = value;
    }

    /// <summary>Appends a write command's effect to the current batch, with a SELECT when the database changes.</summary>
    public void Feed(int db, CommandArguments args)
    {
        if (_transactionDb >= 0 && !_transactionOpen)
        {
            SelectIfNeeded(_transactionDb);
            AofCommandEncoder.Append(_batch, CommandArguments.From("MULTI"u8.ToArray()));
            _transactionOpen = true;
        }
        SelectIfNeeded(db);
        AofCommandEncoder.Append(_batch, args);
    }

    private void SelectIfNeeded(int db)
    {
        if (db == _batchDb) return;
        AofCommandEncoder.AppendSelect(_batch, db);
        _batchDb = db;
    }

    /// <summary>EXEC's writes go between MULTI and EXEC, so a replay applies all of them or none.</summary>
    public void BeginTransaction(int db) => _transactionDb = db;

    public void EndTransaction()
    {
        if (_transactionOpen) AofCommandEncoder.Append(_batch, CommandArguments.From("EXEC"u8.ToArray()));
        _transactionOpen = false;
        _transactionDb = -1;
    }

    /// <summary>
    /// Redis beforeSleep's flushAppendOnlyFile: hands this iteration's batch over (written into
    /// the kernel by the loop itself when the writer thread is idle, see
    /// <see cref="AofWriter.AppendAndWriteInline"/>), then says until which batch replies must
    /// wait. Every reply produced while its batch is not yet written waits for it, so a process
    /// that dies never leaves a client holding an OK for a write the file lacks; with appendfsync
    /// always (or while an everysec fsync is stalled past 2 s) replies wait for the fsync.
    /// </summary>
    public long BeforeSleep()
    {
        var handed = _batch.Length > 0;
        if (handed) BeforeSleepHandOff();
        // Redis delays writes while a background fsync has run over 2 s: the disk cannot keep up.
        _slowFsync = Policy == FsyncPolicy.EverySecond && _writer.SyncRunningMilliseconds >= 2000;
        // While the disk fails, writes are refused, so only the failed batch is pending: the
        // replies of this iteration's batch wait for it, but readers in later iterations are
        // answered (nothing they can read was acknowledged).
        if (WriteError is not null && !handed) return 0;
        return _handedSequence > _syncedSequence ? _handedSequence : 0;
    }

    /// <summary>Batches up to this one are durable; held replies up to it may go.</summary>
    public long SyncedSequence => _syncedSequence;

    // ---- writer reports, moved onto the loop (or run at once when the loop drained inline) ----

    void IAofWriterEvents.Written(long sequence, bool synced)
    {
        // Reported on the loop itself for every batch it wrote inline: no closure, no queue.
        if (_server.Loop is { OnLoopThread: true }) OnWritten(sequence, synced);
        else _server.Loop?.Post(() => OnWritten(sequence, synced));
    }

    private void OnWritten(long sequence, bool synced)
    {
        // Held replies wait for an fsync under "always" (and while an everysec fsync is stalled);
        // otherwise having been written is enough.
        _slowFsync = Policy == FsyncPolicy.EverySecond && _writer.SyncRunningMilliseconds >= 2000;
        if (synced || (Policy != FsyncPolicy.Always && !_slowFsync)) _syncedSequence = Math.Max(_syncedSequence, sequence);
        _server.Loop?.ReleaseHeldReplies(_syncedSequence);
    }

    void IAofWriterEvents.WriteFailed(string reason) => _server.Loop?.Post(() =>
    {
        if (WriteError is null) _server.Log.Warning($"Error writing to the AOF file: {reason}. Write commands are refused until it can be written.");
        WriteError = reason;
    });

    void IAofWriterEvents.WriteRecovered() => _server.Loop?.Post(() =>
    {
        _server.Log.Warning("AOF write error looks solved. Redis can write again.");
        WriteError = null;
    });

    void IAofWriterEvents.Log(string message) => _server.Loop?.Post(() => _server.Log.Warning(message));

    // ---- rewrites ----

    public bool RewriteInProgress => _rewriting;

    /// <summary>Cron: Redis's auto-aof-rewrite trigger, and a rewrite scheduled while another ran.</summary>
    public void Cron()
    {
        if (_rewriting) return;
        if (_rewriteScheduled)
        {
            if (_server.RewriteWhileOff.InProgress) return;
            _rewriteScheduled = false;
            StartRewrite(_scheduledSwitchesIncremental);
            _scheduledSwitchesIncremental = true;
            return;
        }
        var config = _server.Config;
        var size = CurrentSize;
        if (config.AutoAofRewritePercentage > 0 && size > config.AutoAofRewriteMinSize)
        {
            var baseSize = Math.Max(1, _baseSize);
            var growth = (size - baseSize) * 100 / baseSize;
            if (growth >= config.AutoAofRewritePercentage)
            {
                _server.Log.Notice($"Starting automatic rewriting of AOF on {growth}% growth");
                StartRewrite(switchIncremental: true);
            }
        }
    }

    /// <summary>Total size of base and incremental files (INFO aof_current_size).</summary>
    public long CurrentSize => _baseSize + _manifest.Incremental.Take(_manifest.Incremental.Count - 1).Sum(f => FileLength(Path.Combine(_directory, f.Name))) + _writer.CurrentFileLength;

    public void ScheduleRewrite() => _rewriteScheduled = true;

    /// <summary>
    /// BGREWRITEAOF: the cut. Everything executed before it goes to the current incremental file,
    /// everything after to a new one; the rewriter thread writes the keyspace as of the cut from
    /// frozen segments while the loop keeps serving, copying any segment or value it changes.
    /// </summary>
    public void StartRewrite(bool switchIncremental)
    {
        if (_rewriting) return;
        if (_server.RewriteWhileOff.InProgress)
        {
            // A rewrite started while appendonly was no still holds the snapshots: start after it.
            _rewriteScheduled = true;
            _scheduledSwitchesIncremental = switchIncremental;
            return;
        }
        BeforeSleepHandOff();
        var config = _server.Config;
        var newIncremental = _manifest.Incremental[^1];
        if (switchIncremental)
        {
            var sequence = _manifest.NextIncrementalSequence;
            newIncremental = new AofFileInfo(AofManifest.IncrementalFileName(_baseName, sequence), sequence, AofFileType.Incremental);
            var during = new AofManifest { Base = _manifest.Base, Incremental = [.. _manifest.Incremental, newIncremental], History = _manifest.History };
            _manifest = during;
            var directory = _directory;
            // On the writer thread, in order: the new file exists and the manifest names it
            // before a single byte goes into it, so a crash at any point leaves a loadable set.
            _writer.SwitchTo(Path.Combine(directory, newIncremental.Name), error =>
            {
                if (error is null)
                {
                    try { during.Save(directory, _baseName); }
                    catch (IOException e) { error = e; }
                }
                if (error is not null) _server.Loop?.Post(() => _server.Log.Warning($"Can't open the new AOF incremental file: {error.Message}"));
            });
        }
        var snapshots = _server.Databases.Select(db => (db.Id, db.BeginSnapshot())).ToList();
        _rewriting = true;
        _rewriteStartedTicks = Stopwatch.GetTimestamp();
        var baseSequence = _manifest.NextBaseSequence;
        var temporary = Path.Combine(_directory, $"temp-rewriteaof-bg-{Environment.ProcessId}.aof");
        _server.Log.Notice("Background append only file rewriting started");
        AofRewriter.Start(temporary, snapshots, _server.Clock.UnixTimeMilliseconds(),
            result => _server.Loop?.Post(() => RewriteDone(result, temporary, baseSequence, newIncremental)));
    }

    private void BeforeSleepHandOff()
    {
        if (_batch.Length == 0) return;
        // The loop writes (and under "always" fsyncs) the batch itself unless the writer is busy;
        // the writer's reports then run at once, before any reply of the batch is written.
        _writer.AppendAndWriteInline(_batch, ++_handedSequence);
        _batch = new AofBuffer();
        _batchDb = -1; // the writer may be switching files: each batch starts with its own SELECT
    }

    private void RewriteDone(AofRewriter.Result result, string temporary, long baseSequence, AofFileInfo firstIncremental)
    {
        foreach (var db in _server.Databases) db.EndSnapshot();
        _rewriting = false;
        _lastRewriteSeconds = (long)Stopwatch.GetElapsedTime(_rewriteStartedTicks).TotalSeconds;
        if (result.Error is not null)
        {
            _lastRewriteOk = false;
            _server.Log.Warning($"Background AOF rewrite failed: {result.Error.Message}");
            return;
        }
        var newBase = new AofFileInfo(AofManifest.BaseFileName(_baseName, baseSequence), baseSequence, AofFileType.Base);
        var keep = _manifest.Incremental.SkipWhile(f => f.Sequence < firstIncremental.Sequence).ToList();
        var after = new AofManifest { Base = newBase, Incremental = keep };
        var obsolete = _manifest.FilesToLoad.Concat(_manifest.History).Where(f => f.Name != newBase.Name && keep.All(k => k.Name != f.Name)).Select(f => f.Name).ToList();
        _manifest = after;
        _baseSize = result.Bytes;
        var directory = _directory;
        var baseName = _baseName;
        _writer.Enqueue(() =>
        {
            try
            {
                File.Move(temporary, Path.Combine(directory, newBase.Name), overwrite: true);
                after.Save(directory, baseName);
                foreach (var name in obsolete) File.Delete(Path.Combine(directory, name));
                _server.Loop?.Post(() =>
                {
                    _lastRewriteOk = true;
                    _rewrites++;
                    _server.Log.Notice($"Background AOF rewrite finished successfully ({result.Keys} keys, {result.Bytes} bytes)");
                });
            }
            catch (IOException e)
            {
                _server.Loop?.Post(() =>
                {
                    _lastRewriteOk = false;
                    _server.Log.Warning($"Background AOF rewrite could not be installed: {e.Message}");
                });
            }
        });
    }

    public IEnumerable<(string Name, object Value)> InfoFields() =>
    [
        ("aof_enabled", 1),
        ("aof_rewrite_in_progress", _rewriting ? 1 : 0),
        ("aof_rewrite_scheduled", _rewriteScheduled ? 1 : 0),
        ("aof_last_rewrite_time_sec", _lastRewriteSeconds),
        ("aof_current_rewrite_time_sec", _rewriting ? (long)Stopwatch.GetElapsedTime(_rewriteStartedTicks).TotalSeconds : -1),
        ("aof_last_bgrewrite_status", _lastRewriteOk ? "ok" : "err"),
        ("aof_rewrites", _rewrites),
        ("aof_last_write_status", WriteError is null ? "ok" : "err"),
        ("aof_current_size", CurrentSize),
        ("aof_base_size", _baseSize),
        ("aof_pending_rewrite", _rewriteScheduled ? 1 : 0),
        ("aof_buffer_length", _batch.Length),
        ("aof_delayed_fsync", 0),
    ];

    /// <summary>Test hook: the writer's failure injection.</summary>
    public AofWriter Writer => _writer;

    /// <summary>Shutdown or CONFIG SET appendonly no: the last batch goes out, is fsynced, and the writer stops.</summary>
    public void Dispose()
    {
        BeforeSleepHandOff();
        _writer.Dispose();
    }
}

/// <summary>The AOF cannot be loaded; the message names the file and the offset.</summary>
internal sealed class AofLoadException(string message) : Exception(message);
