using System.Diagnostics;
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

    void Log(string message);
}

/// <summary>
/// The AOF writer thread: it owns the open incremental file and the fsync policy. The loop
/// hands it one batch of encoded commands per iteration through a channel and, when the thread
/// is idle, drains the channel itself under the file lock (<see cref="AppendAndWriteInline"/>):
/// batches are appended in order, fsynced by policy (for "always", one fsync for all the
/// batches found waiting: group commit) and reported as written or durable. The everysec fsync,
/// retries, file switches and base installs run on this thread; the loop never waits for it
/// (it only tries the lock), its replies do.
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

    // The channel: the loop enqueues under a short lock and pulses only when the writer sleeps.
    // (System.Threading.Channels was slower here: a waiting reader is woken through a
    // thread-pool continuation, two thread hops per batch.)
    private readonly object _gate = new();
    private readonly Queue<Message> _inbox = new();
    private bool _writerSleeping;
    /// <summary>Held by whoever drains the channel and touches the file: the writer thread, or the loop in <see cref="TryDrainInline"/>.</summary>
    private readonly object _fileLock = new();
    private readonly IAofWriterEvents _events;
    private readonly Thread _thread;
    private readonly List<Batch> _failed = [];
    private SafeFileHandle _file;
    private long _fileLength;
    private long _lastWrittenSequence;
    private long _lastSyncedSequence;
    private long _lastFsyncTicks = Environment.TickCount64;
    private bool _dirty;
    private bool _syncFailed;
    private long _syncStartedTimestamp;
    private long _lastFailureTicks;
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

    /// <summary>How long the fsync in progress has been running (0 when none is).</summary>
    public double SyncRunningMilliseconds
    {
        get
        {
            var started = Volatile.Read(ref _syncStartedTimestamp);
            return started == 0 ? 0 : Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    /// <summary>Size of the current incremental file, for INFO and the automatic rewrite trigger.</summary>
    public long CurrentFileLength => Interlocked.Read(ref _fileLength);

    private static (SafeFileHandle, long) Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        return (handle, RandomAccess.GetLength(handle));
    }

    /// <summary>After everything already queued: continue in a new incremental file.</summary>
    public void SwitchTo(string path, Action<Exception?> done) => Send(new SwitchIncremental(path, done));

    /// <summary>Runs file work (installing a rewritten base) in order with the appends.</summary>
    public void Enqueue(Action work) => Send(new RunOnWriter(work));

    private void Send(Message message, bool wakeWriter = true)
    {
        lock (_gate)
        {
            _inbox.Enqueue(message);
            if (wakeWriter && _writerSleeping) Monitor.Pulse(_gate);
        }
    }

    private void WakeWriter()
    {
        lock (_gate)
            if (_writerSleeping) Monitor.Pulse(_gate);
    }

    /// <summary>
    /// Hands a batch over (the buffer belongs to the writer from now on), then, when the writer thread does not hold the
    /// file, the loop writes the queued batches itself, as Redis's flushAppendOnlyFile writes in
    /// beforeSleep: the bytes are in the kernel before any reply goes out, so a process that dies
    /// (SIGKILL, a crash) loses no acknowledged write under any policy. Under appendfsync always
    /// the loop also fsyncs (its replies wait for that fsync anyway, and handing it to the writer
    /// costs two thread wake-ups per batch: about 100 us each on the 2-core VM the README's
    /// figures come from, 0.74x redis-server's SET rate instead of 1.08x). Under everysec the
    /// once-a-second fsync stays on the writer thread, which releases the file while it runs, so
    /// the loop keeps writing. When the writer holds the file, the batch is left to it and the
    /// caller's replies wait for its report.
    /// </summary>
    public void AppendAndWriteInline(AofBuffer buffer, long sequence)
    {
        // No wake-up: the writer would only compete for the file lock.
        Send(new Batch(buffer, sequence), wakeWriter: false);
        if (!Monitor.TryEnter(_fileLock))
        {
            WakeWriter();
            return;
        }
        bool leftForWriter;
        try
        {
            leftForWriter = DrainQueued(batchesOnly: true) != Drained.Everything;
            // Only a retry or an fsync due now is worth a wake-up: the writer never sleeps more
            // than a second, so it times the next everysec fsync itself.
            leftForWriter |= MillisecondsUntilHousekeeping() == 0;
        }
        finally
        {
            Monitor.Exit(_fileLock);
        }
        // File switches, base installs, retries after a failure and everysec fsyncs stay on the writer thread.
        if (leftForWriter) WakeWriter();
    }

    /// <summary>Writes and fsyncs everything queued, then stops the thread.</summary>
    public void Dispose()
    {
        if (!_thread.IsAlive) return;
        Send(new Stop());
        _thread.Join();
        _file.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            // Sleep until something is queued, or until a once-a-second fsync or a retry is due;
            // at most a second, since the loop writes batches without waking this thread.
            int wait;
            lock (_fileLock) wait = MillisecondsUntilHousekeeping();
            if (wait == Timeout.Infinite) wait = 1000;
            lock (_gate)
            {
                if (_inbox.Count == 0 && wait != 0)
                {
                    _writerSleeping = true;
                    Monitor.Wait(_gate, wait);
                    _writerSleeping = false;
                }
            }
            var everySecondSyncDue = false;
            lock (_fileLock)
            {
                if (DrainQueued(batchesOnly: false) == Drained.Stop) return;
                if (MillisecondsUntilHousekeeping() == 0)
                {
                    if (_failed.Count > 0) RetryFailed();
                    everySecondSyncDue = _failed.Count == 0 && _dirty && (_syncFailed || Policy == FsyncPolicy.EverySecond);
                }
            }
            if (everySecondSyncDue) SyncWithoutHoldingTheFile();
        }
    }

    /// <summary>
    /// The everysec fsync (Redis runs it on a bio thread): the file lock is released while
    /// fdatasync runs, so the loop keeps writing its batches into the kernel meanwhile; an fsync
    /// covers at least everything written before it started. Only this thread switches files, so
    /// the handle stays valid.
    /// </summary>
    private void SyncWithoutHoldingTheFile()
    {
        long covered;
        lock (_fileLock)
        {
            if (!_dirty || _failed.Count > 0) return;
            covered = _lastWrittenSequence;
            _dirty = false;
        }
        var failure = SyncData(out var started);
        lock (_fileLock) FinishSync(covered, started, failure);
    }

    /// <summary>fdatasync of the current file, timed for the loop's slow-fsync watch; returns the failure, if any.</summary>
    private Exception? SyncData(out long started)
    {
        started = Stopwatch.GetTimestamp();
        // The loop watches this (SyncRunningMilliseconds) to delay writes past 2 s, as Redis does.
        Volatile.Write(ref _syncStartedTimestamp, started);
        try
        {
            BeforeWrite?.Invoke();
            DurableFiles.SyncData(_file);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
        finally
        {
            Volatile.Write(ref _syncStartedTimestamp, 0);
        }
    }

    private enum Drained { Everything, StoppedAtNonBatch, Stop }

    /// <summary>
    /// Handles queued messages in order; with batchesOnly, stops at the first that is not a
    /// batch. Consecutive batches are written before one fsync: group commit.
    /// </summary>
    private Drained DrainQueued(bool batchesOnly)
    {
        var wroteBatches = false;
        var result = Drained.Everything;
        while (true)
        {
            Message? message;
            lock (_gate)
            {
                if (!_inbox.TryPeek(out message)) break;
                if (batchesOnly && message is not Batch)
                {
                    result = Drained.StoppedAtNonBatch;
                    break;
                }
                _inbox.Dequeue();
            }
            if (message is Batch batch)
            {
                WriteBatch(batch);
                wroteBatches = true;
                continue;
            }
            if (wroteBatches)
            {
                AfterWrites();
                wroteBatches = false;
            }
            switch (message)
            {
                case SwitchIncremental change:
                    change.Done(SwitchFile(change.Path));
                    break;
                case RunOnWriter work:
                    work.Work();
                    break;
                case Stop:
                    RetryFailed();
                    if (_failed.Count == 0) Sync();
                    return Drained.Stop;
            }
        }
        if (wroteBatches) AfterWrites();
        return result;
    }

    /// <summary>When the next retry after a failure (every second) or the next everysec fsync is due.</summary>
    private int MillisecondsUntilHousekeeping()
    {
        var now = Environment.TickCount64;
        if (_failed.Count > 0 || _syncFailed) return (int)Math.Clamp(1000 - (now - _lastFailureTicks), 0, 1000);
        if (_dirty && Policy == FsyncPolicy.EverySecond) return (int)Math.Clamp(1000 - (now - _lastFsyncTicks), 0, 1000);
        return Timeout.Infinite;
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
            _lastFailureTicks = Environment.TickCount64;
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
        // Written into the kernel: a dying process can no longer lose it. Only "always" fsyncs
        // here; the everysec fsync is the writer thread's, without the file lock (Run).
        if (Policy == FsyncPolicy.Always) Sync();
        else _events.Written(_lastWrittenSequence, synced: false);
    }

    /// <summary>fsync while holding the file (appendfsync always, file switches, the last one at stop).</summary>
    private void Sync()
    {
        if (!_dirty)
        {
            _events.Written(_lastWrittenSequence, synced: true);
            return;
        }
        var covered = _lastWrittenSequence;
        _dirty = false;
        var failure = SyncData(out var started);
        FinishSync(covered, started, failure);
    }

    /// <summary>Records an fsync's outcome (the file lock held): what it made durable, or the failure to retry.</summary>
    private void FinishSync(long covered, long started, Exception? failure)
    {
        if (Stopwatch.GetElapsedTime(started).TotalMilliseconds >= 2000)
            _events.Log("Asynchronous AOF fsync is taking too long (disk is busy?). Writes were held until it completed.");
        if (failure is not null)
        {
            _dirty = true; // nothing written since the last good fsync is known to be durable
            _syncFailed = true;
            _lastFailureTicks = Environment.TickCount64;
            _events.WriteFailed($"fsync: {failure.Message}");
            return;
        }
        if (_syncFailed)
        {
            _syncFailed = false;
            _events.WriteRecovered();
        }
        _lastFsyncTicks = Environment.TickCount64;
        _lastSyncedSequence = Math.Max(_lastSyncedSequence, covered);
        _events.Written(covered, synced: true);
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
