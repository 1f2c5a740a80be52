using EventLoopKv.Protocol;

namespace EventLoopKv.Persistence;

/// <summary>How reading one AOF file ended.</summary>
public enum AofReadOutcome
{
    /// <summary>Every byte was a complete command.</summary>
    Complete,
    /// <summary>The file ends inside a command (or inside MULTI without EXEC): a crash mid-write.</summary>
    Truncated,
    /// <summary>Bytes that can never be a command: corruption.</summary>
    Corrupt,
}

public readonly record struct AofReadResult(AofReadOutcome Outcome, long ValidLength, long Commands, string? Error);

/// <summary>
/// Reads an AOF file command by command with the server's own RESP parser, in 1 MB chunks, and
/// says where the last complete command ends. Redis 7 annotations (lines starting with '#')
/// are skipped. A MULTI still open at the end of the file counts as truncated at the MULTI, as
/// Redis reverts an incomplete transaction.
/// </summary>
public static class AofReader
{
    private const int ChunkSize = 1024 * 1024;

    /// <param name="onCommand">Receives each command; the arguments are valid during the call only.</param>
    /// <param name="onProgress">Called about every 64 MB with the bytes read so far.</param>
    public static AofReadResult Read(string path, Action<CommandArguments> onCommand, Action<long>? onProgress = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var parser = new RequestParser { MaxBulkLength = long.MaxValue };
        var args = new CommandArguments();
        var buffer = new byte[ChunkSize];
        int position = 0, end = 0;
        long consumedBefore = 0; // file offset of buffer[0]
        long validLength = 0;
        long multiStart = -1;
        long commands = 0;
        long nextProgress = 64L * 1024 * 1024;
        while (true)
        {
            // Keep the unfinished command, make room, read more.
            var keep = parser.InsideCommand ? parser.CommandStart : position;
            if (keep > 0)
            {
                Buffer.BlockCopy(buffer, keep, buffer, 0, end - keep);
                parser.Rebase(buffer, keep, args);
                consumedBefore += keep;
                position -= keep;
                end -= keep;
            }
            var missing = parser.MissingBytes(position, end);
            if (buffer.Length - end < Math.Max(ChunkSize / 2, missing))
            {
                var bigger = new byte[Math.Max(buffer.Length * 2, end + missing + ChunkSize)];
                Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                buffer = bigger;
                parser.Rebase(buffer, 0, args);
            }
            var read = file.Read(buffer, end, buffer.Length - end);
            if (read == 0) break;
            end += read;
            if (onProgress is not null && consumedBefore + end >= nextProgress)
            {
                onProgress(consumedBefore + end);
                nextProgress += 64L * 1024 * 1024;
            }
            try
            {
                while (true)
                {
                    if (!parser.InsideCommand && position < end && buffer[position] == (byte)'#')
                    {
                        var newline = buffer.AsSpan(position, end - position).IndexOf((byte)'\n');
                        if (newline < 0) break;
                        position += newline + 1;
                        validLength = consumedBefore + position;
                        continue;
                    }
                    var start = consumedBefore + position;
                    if (!parser.TryParse(buffer, ref position, end, args, authenticated: true)) break;
                    commands++;
                    if (args.Count == 1 && System.Text.Ascii.EqualsIgnoreCase(args[0], "multi"u8)) multiStart = start;
                    else if (args.Count == 1 && System.Text.Ascii.EqualsIgnoreCase(args[0], "exec"u8)) multiStart = -1;
                    onCommand(args);
                    validLength = consumedBefore + position;
                }
            }
            catch (RespProtocolException e)
            {
                return new AofReadResult(AofReadOutcome.Corrupt, validLength, commands,
                    $"Bad file format reading the append only file {Path.GetFileName(path)} at offset {validLength}: {e.Message}");
            }
        }
        var total = consumedBefore + end;
        if (multiStart >= 0)
            return new AofReadResult(AofReadOutcome.Truncated, multiStart, commands, "Revert incomplete MULTI/EXEC transaction in AOF file");
        if (validLength < total)
            return new AofReadResult(AofReadOutcome.Truncated, validLength, commands, "Unexpected end of file reading the append only file");
        return new AofReadResult(AofReadOutcome.Complete, validLength, commands, null);
    }
}
