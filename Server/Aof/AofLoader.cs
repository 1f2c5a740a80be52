using System.Diagnostics;
using EventLoopKv.Persistence;

namespace EventLoopKv.Server.Aof;

/// <summary>
/// Replays the files a manifest names into the keyspace through the same parser and dispatcher
/// as a network client (Redis loadAppendOnlyFiles). A last file cut short by a crash is
/// truncated to its last whole command with a warning (aof-load-truncated yes); anything else
/// wrong stops the start with a message naming the file and the byte offset.
/// </summary>
internal static class AofLoader
{
    public static void Load(RedisServer server, string directory, AofManifest manifest)
    {
        var started = Stopwatch.GetTimestamp();
        var files = manifest.FilesToLoad.ToList();
        var client = new Client();
        client.Start(server, 0, -1, "aof-loader", server.Clock.UnixTimeMilliseconds());
        client.Authenticated = true;
        server.Loading = true;
        long totalBytes = 0, totalCommands = 0;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var path = Path.Combine(directory, files[i].Name);
                var isLast = i == files.Count - 1;
                if (!File.Exists(path))
                {
                    // Redis tolerates a missing incremental file only when it is the last one and empty by definition.
                    if (files[i].Type == AofFileType.Incremental && isLast) continue;
                    throw new AofLoadException($"The AOF file {files[i].Name} doesn't exist");
                }
                var length = new FileInfo(path).Length;
                if (length >= 5 && StartsWithRdbPreamble(path))
                    throw new AofLoadException($"The AOF file {files[i].Name} starts with an RDB preamble, which EventLoopKv does not read; write it with aof-use-rdb-preamble no");
                client.Select(server.Databases[0]);
                var fileStarted = Stopwatch.GetTimestamp();
                string? unknown = null;
                var result = AofReader.Read(path, args =>
                {
                    if (unknown is not null) return;
                    if (server.Commands.Find(args[0]) is null)
                    {
                        unknown = System.Text.Encoding.UTF8.GetString(args[0]);
                        return;
                    }
                    client.RunWith(args);
                    client.Reply.Clear();
                }, bytes => server.Log.Notice($"Loading AOF {files[i].Name}: {bytes / (1024 * 1024)} MB of {length / (1024 * 1024)} MB, {Rate(bytes, fileStarted)} MB/s"));
                if (unknown is not null)
                    throw new AofLoadException($"Unknown command '{unknown}' reading the append only file {files[i].Name}");
                switch (result.Outcome)
                {
                    case AofReadOutcome.Corrupt:
                        throw new AofLoadException(result.Error!);
                    case AofReadOutcome.Truncated when !isLast || !server.Config.AofLoadTruncated:
                        throw new AofLoadException($"{result.Error} {files[i].Name} at offset {result.ValidLength} (of {length} bytes); " +
                            (isLast ? "set aof-load-truncated yes, or fix it with --check-aof --fix" : "only the last file may be truncated"));
                    case AofReadOutcome.Truncated:
                        server.Log.Warning($"!!! Warning: short read while loading the AOF file {files[i].Name}!!! ({result.Error})");
                        server.Log.Warning($"AOF {files[i].Name} loaded anyway because aof-load-truncated is enabled: truncated from {length} to {result.ValidLength} bytes");
                        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write)) file.SetLength(result.ValidLength);
                        break;
                }
                totalBytes += length;
                totalCommands += result.Commands;
                server.Log.Notice($"DB loaded from {(files[i].Type == AofFileType.Base ? "base" : "incr")} file {files[i].Name}: {Stopwatch.GetElapsedTime(fileStarted).TotalSeconds:F3} seconds, {result.Commands} commands");
            }
        }
        finally
        {
            server.Loading = false;
        }
        var keys = server.Databases.Sum(db => db.Count);
        server.Log.Notice($"DB loaded from append only file: {Stopwatch.GetElapsedTime(started).TotalSeconds:F3} seconds, {totalBytes} bytes, {totalCommands} commands, {Rate(totalBytes, started)} MB/s, {keys} keys");
    }

    private static string Rate(long bytes, long started)
    {
        var seconds = Math.Max(Stopwatch.GetElapsedTime(started).TotalSeconds, 1e-6);
        return (bytes / 1048576.0 / seconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool StartsWithRdbPreamble(string path)
    {
        Span<byte> head = stackalloc byte[5];
        using var file = File.OpenRead(path);
        return file.Read(head) == 5 && head.SequenceEqual("REDIS"u8);
    }
}
