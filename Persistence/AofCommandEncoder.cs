using System.Buffers.Text;
using EventLoopKv.Protocol;

namespace EventLoopKv.Persistence;

/// <summary>
/// Appends commands to an AOF byte buffer as RESP multibulk frames, the format both
/// redis-server and EventLoopKv replay.
/// </summary>
public static class AofCommandEncoder
{
    public static void Append(AofBuffer buffer, CommandArguments args)
    {
        AppendHeader(buffer, (byte)'*', args.Count);
        for (var i = 0; i < args.Count; i++) AppendBulk(buffer, args[i]);
    }

    public static void Append(AofBuffer buffer, IReadOnlyList<byte[]> args)
    {
        AppendHeader(buffer, (byte)'*', args.Count);
        foreach (var arg in args) AppendBulk(buffer, arg);
    }

    /// <summary>SET key value, straight from spans (the rewriter writes millions of these).</summary>
    public static void AppendSet(AofBuffer buffer, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        AppendHeader(buffer, (byte)'*', 3);
        AppendBulk(buffer, "SET"u8);
        AppendBulk(buffer, key);
        AppendBulk(buffer, value);
    }

    public static void AppendPExpireAt(AofBuffer buffer, ReadOnlySpan<byte> key, long unixMilliseconds)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(unixMilliseconds, digits, out var n);
        AppendHeader(buffer, (byte)'*', 3);
        AppendBulk(buffer, "PEXPIREAT"u8);
        AppendBulk(buffer, key);
        AppendBulk(buffer, digits[..n]);
    }

    public static void AppendSelect(AofBuffer buffer, int db)
    {
        Span<byte> digits = stackalloc byte[11];
        Utf8Formatter.TryFormat(db, digits, out var n);
        AppendHeader(buffer, (byte)'*', 2);
        AppendBulk(buffer, "SELECT"u8);
        AppendBulk(buffer, digits[..n]);
    }

    private static void AppendHeader(AofBuffer buffer, byte prefix, long count)
    {
        var span = buffer.GetSpan(24);
        span[0] = prefix;
        Utf8Formatter.TryFormat(count, span[1..], out var n);
        span[n + 1] = (byte)'\r';
        span[n + 2] = (byte)'\n';
        buffer.Advance(n + 3);
    }

    private static void AppendBulk(AofBuffer buffer, ReadOnlySpan<byte> value)
    {
        AppendHeader(buffer, (byte)'$', value.Length);
        var span = buffer.GetSpan(value.Length + 2);
        value.CopyTo(span);
        span[value.Length] = (byte)'\r';
        span[value.Length + 1] = (byte)'\n';
        buffer.Advance(value.Length + 2);
    }
}
