using EventLoopKv.Storage;

namespace EventLoopKv.Persistence;

/// <summary>
/// Writes a new base file from frozen snapshots of every database, on its own thread, while
/// the loop keeps serving (Redis's rewriteAppendOnlyFile, without fork). Per database: SELECT,
/// then for each key the commands that rebuild it and a PEXPIREAT when it expires. The file is
/// fsynced before completion is reported; nothing is renamed here (the writer thread installs it).
/// </summary>
public static class AofRewriter
{
    public readonly record struct Result(long Bytes, long Keys, Exception? Error);

    public static Thread Start(string temporaryPath, IReadOnlyList<(int Db, TableSnapshot Snapshot)> databases, long nowMs, Action<Result> done)
    {
        var thread = new Thread(() => done(Write(temporaryPath, databases, nowMs))) { Name = "aof-rewrite", IsBackground = true };
        thread.Start();
        return thread;
    }

    public static Result Write(string temporaryPath, IReadOnlyList<(int Db, TableSnapshot Snapshot)> databases, long nowMs)
    {
        long keys = 0;
        try
        {
            using var file = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            var buffer = new AofBuffer();
            foreach (var (db, snapshot) in databases)
            {
                var selected = false;
                foreach (var entry in snapshot.Entries())
                {
                    // A key already past its expiry is not worth writing (Redis skips them too).
                    if (entry.ExpireAt != 0 && entry.ExpireAt <= nowMs) continue;
                    if (!selected)
                    {
                        AofCommandEncoder.AppendSelect(buffer, db);
                        selected = true;
                    }
                    var item = entry.Item!;
                    if (item is byte[] blob) AofCommandEncoder.AppendSet(buffer, StringBlob.Key(blob), StringBlob.Value(blob));
                    else
                    {
                        foreach (var command in ((RedisObject)item).RebuildCommands()) AofCommandEncoder.Append(buffer, command);
                    }
                    if (entry.ExpireAt != 0) AofCommandEncoder.AppendPExpireAt(buffer, Entry.KeyOf(item), entry.ExpireAt);
                    keys++;
                    if (buffer.Length >= 1 << 20)
                    {
                        file.Write(buffer.Bytes);
                        buffer.Clear();
                    }
                }
            }
            file.Write(buffer.Bytes);
            buffer.Release();
            file.Flush(flushToDisk: true);
            return new Result(file.Length, keys, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporaryPath); } catch (IOException) { }
            return new Result(0, keys, e);
        }
    }
}
