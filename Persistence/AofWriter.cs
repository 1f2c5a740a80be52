using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace EventLoopKv.Persistence;

/// <summary>What the writer reports back; every callback is invoked on the writer thread.</summary>
public interface IAofWriterEvents
{
    /// <summary>Everything up to batch <paramref name="sequence"/> is written (and fsynced when <paramref name="synced"/>).</summary>
    void Written(long sequence, bool synced);

    /// <summary>A write or fsync failed; the data is kept and retried every second.</summary>
    void WriteFailed(string reason);

    /// <summary>A failed write went through after all.</summary>
    void WriteRecovered();

    /// <summary>A background fsync is taking long (everysec): the loop holds write replies until it ends.</summary>
    void SlowFsync(bool inProgress);

    void Log(string message);
}

/// <summary>
/// The AOF writer thread: it owns the open incremental file and the fsync policy, and the loop
/// never waits for it. The loop hands it one batch of encoded commands per iteration through a
/// channel; the writer appends batches in order, fsyncs by policy (for "always", one fsync for
/// all the batches it found waiting: group commit) and reports what is durable.
/// <para>
/// A failed write is cut back to the last whole batch (so the file never holds half a command)
/// and retried every second, with everything queued behind it, until the disk recovers.
/// File switches for rewrites (a new incremental file, a new base) travel through the same
/// channel, so they happen exactly between the batches before and after the cut.
/// </para>
/// </summary>
public sealed class AofWriter : IDisposable
{
    private abstract record Message;
    private sealed record Batch(AofBuffer Buffer, long Sequence) : Message;
    private sealed record SwitchIncremental(string Path, Action<Exception?> Done) : Message;
    private sealed record RunOnWriter(Action Work) : Message;
    private sealed record Stop : Message;

    private readonly Channel<Message> _channel = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IAofWriterEvents _events;
    private readonly Thread _thread;
    private readonly List<Batch> _failed = [];
    private SafeFileHandle _file;
    private long _fileLength;
    private long _lastWrittenSequence;
    private long _lastSyncedSequence;
    private long _lastFsyncTicks = Environment.TickCount64;
    private bool _dirty;
    private volatile int _policy;

    /// <summary>Test hook: called before every write; throwing simulates a failing disk.</summary>
    public Action? BeforeWrite { get; set; }

    public AofWriter(string incrementalPath, FsyncPolicy policy, IAofWriterEvents events)
    {
        _events = events;
        _policy = (int)policy;
        (_file, _fileLength) = Open(incrementalPath);
        _thread = new Thread(Run) { Name = "aof-writer", IsBackground = true };
        _thread.Start();
    }

    public FsyncPolicy Policy
    {
        get => (FsyncPolicy)_policy;
        set => _policy = (int)value;
    }

    /// <summary>Size of the current incremental file, for INFO and the automatic rewrite trigger.</summary>
    public long CurrentFileLength => Interlocked.Read(ref _fileLength);

    private static (SafeFileHandle, long) Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        return (handle, RandomAccess.GetLength(handle));
    }

    /// <summary>Hands a batch over; the buffer belongs to the writer from now on.</summary>
    public void Append(AofBuffer buffer, long sequence) => _channel.Writer.TryWrite(new Batch(buffer, sequence));

    /// <summary>After everything already queued: continue in a new incremental file.</summary>
    public void SwitchTo(string path, Action<Exception?> done) => _channel.Writer.TryWrite(new SwitchIncremental(path, done));

    /// <summary>Runs file work (installing a rewritten base) in order with the appends.</summary>
    public void Enqueue(Action work) => _channel.Writer.TryWrite(new RunOnWriter(work));

    /// <summary>Writes and fsyncs everything queued, then stops the thread.</summary>
    public void Dispose()
    {
        if (!_thread.IsAlive) return;
        _channel.Writer.TryWrite(new Stop());
        _thread.Join();
        _file.Dispose();
    }

    private void Run()
    {
        var reader = _channel.Reader;
        while (true)
        {
            if (!reader.TryRead(out var message))
            {
                // Nothing queued: sleep until something is, or until a pending once-a-second
                // fsync or a retry is due.
                var wait = _failed.Count > 0 ? 1000 : _dirty && Policy == FsyncPolicy.EverySecond ? 1000 - (int)(Environment.TickCount64 - _lastFsyncTicks) : -1;
                if (wait != -1 && wait <= 0)
                {
                    Housekeeping();
                    continue;
                }
                var ready = reader.WaitToReadAsync().AsTask();
                if (!ready.Wait(wait)) { Housekeeping(); continue; }
                continue;
            }
            switch (message)
            {
                case Batch batch:
                    WriteBatch(batch);
                    // Group commit: take everything else already waiting before the fsync.
                    while (reader.TryPeek(out var next) && next is Batch)
                    {
                        reader.TryRead(out next);
                        WriteBatch((Batch)next!);
                    }
                    AfterWrites();
                    break;
                case SwitchIncremental change:
                    change.Done(SwitchFile(change.Path));
                    break;
                case RunOnWriter work:
                    work.Work();
                    break;
                case Stop:
                    RetryFailed();
                    if (_failed.Count == 0) Sync();
                    return;
            }
        }
    }

    private void Housekeeping()
    {
        if (_failed.Count > 0) RetryFailed();
        if (_failed.Count == 0 && _dirty && Policy == FsyncPolicy.EverySecond) Sync();
    }

    private void WriteBatch(Batch batch)
    {
        if (_failed.Count > 0)
        {
            _failed.Add(batch); // keep order: nothing passes a failed batch
            return;
        }
        if (!TryWrite(batch)) _failed.Add(batch);
    }

    private bool TryWrite(Batch batch)
    {
        try
        {
            BeforeWrite?.Invoke();
            RandomAccess.Write(_file, batch.Buffer.Bytes, _fileLength);
            Interlocked.Exchange(ref _fileLength, _fileLength + batch.Buffer.Length);
            _lastWrittenSequence = batch.Sequence;
            _dirty = true;
            batch.Buffer.Release();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never leave half a batch: cut the file back to the last whole one.
            try { RandomAccess.SetLength(_file, _fileLength); } catch (IOException) { }
            _events.WriteFailed(e.Message);
            return false;
        }
    }

    private void RetryFailed()
    {
        if (_failed.Count == 0) return;
        var written = 0;
        foreach (var batch in _failed)
        {
            if (!TryWrite(batch)) break;
            written++;
        }
        _failed.RemoveRange(0, written);
        if (_failed.Count > 0) return;
        _events.WriteRecovered();
        AfterWrites();
    }

    private void AfterWrites()
    {
        if (_failed.Count > 0) return;
        switch (Policy)
        {
            case FsyncPolicy.Always:
                Sync();
                break;
            case FsyncPolicy.EverySecond:
                if (Environment.TickCount64 - _lastFsyncTicks >= 1000) Sync();
                else _events.Written(_lastWrittenSequence, synced: false);
                break;
            default:
                _events.Written(_lastWrittenSequence, synced: false);
                break;
        }
    }

    private void Sync()
    {
        if (!_dirty)
        {
            _events.Written(_lastWrittenSequence, synced: true);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        // Redis delays writes when a background fsync runs over 2 s; tell the loop while it lasts.
        using var slowWatch = new Timer(_ => _events.SlowFsync(true), null, 2000, Timeout.Infinite);
        try
        {
            BeforeWrite?.Invoke();
            DurableFiles.SyncData(_file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _events.WriteFailed($"fsync: {e.Message}");
            return;
        }
        finally
        {
            if (Stopwatch.GetElapsedTime(started).TotalMilliseconds >= 2000)
            {
                _events.SlowFsync(false);
                _events.Log("Asynchronous AOF fsync is taking too long (disk is busy?). Writes were held until it completed.");
            }
        }
        _dirty = false;
        _lastFsyncTicks = Environment.TickCount64;
        _lastSyncedSequence = _lastWrittenSequence;
        _events.Written(_lastSyncedSequence, synced: true);
    }

    private Exception? SwitchFile(string path)
    {
        try
        {
            RetryFailed();
            if (_failed.Count > 0) return new IOException("the current AOF file cannot be written");
            if (_dirty) Sync();
            var (file, length) = Open(path);
            DurableFiles.SyncDirectory(Path.GetDirectoryName(path)!);
            _file.Dispose();
            _file = file;
            Interlocked.Exchange(ref _fileLength, length);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }
}
