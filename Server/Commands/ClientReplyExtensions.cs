using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// The "get a value or reply with the error" helpers every handler uses, after Redis's
/// getLongLongFromObjectOrReply and lookupKeyReadOrReply: they return false once they have
/// written the error, so a handler reads as a few guarded lines.
/// </summary>
internal static class ClientReplyExtensions
{
    public static bool TryGetInt64OrReply(this Client client, int index, out long value, string? error = null)
    {
        if (Int64Text.TryParse(client.Args[index], out value)) return true;
        if (error is null) client.Reply.WriteError(SharedReplies.NotAnInteger);
        else client.Reply.WriteError(error);
        return false;
    }

    public static bool TryGetInt32OrReply(this Client client, int index, out int value, string? error = null)
    {
        value = 0;
        if (!client.TryGetInt64OrReply(index, out var wide, error)) return false;
        if (wide is < int.MinValue or > int.MaxValue)
        {
            client.Reply.WriteError(error ?? "value is out of range");
            return false;
        }
        value = (int)wide;
        return true;
    }

    public static bool TryGetDoubleOrReply(this Client client, int index, out double value)
    {
        if (RedisNumbers.TryParseDouble(client.Args[index], out value)) return true;
        client.Reply.WriteError(SharedReplies.NotAFloat);
        return false;
    }

    /// <summary>Case-insensitive comparison of an argument with an ASCII keyword.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ArgIs(this Client client, int index, ReadOnlySpan<byte> keyword) =>
        System.Text.Ascii.EqualsIgnoreCase(client.Args[index], keyword);

    /// <summary>An argument as text, for error messages and names.</summary>
    public static string ArgString(this Client client, int index) => System.Text.Encoding.UTF8.GetString(client.Args[index]);

    /// <summary>
    /// Looks a key up for reading and counts a keyspace hit or miss (INFO stats), as Redis's
    /// lookupKeyRead does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref Entry LookupRead(this Client client, ReadOnlySpan<byte> key)
    {
        ref var entry = ref client.Db.Find(key);
        if (Unsafe.IsNullRef(ref entry)) client.Server.Stats.KeyspaceMisses++;
        else client.Server.Stats.KeyspaceHits++;
        return ref entry;
    }

    /// <summary>
    /// The string value of an item; false (with WRONGTYPE written) when it holds another type.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetStringOrReply(this Client client, object item, out ReadOnlySpan<byte> value)
    {
        if (item is byte[] blob)
        {
            value = StringBlob.Value(blob);
            return true;
        }
        if (item is MutableString mutable)
        {
            value = mutable.Value;
            return true;
        }
        value = default;
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    public static void WriteWrongArity(this Client client, string commandName) =>
        client.Reply.WriteError($"wrong number of arguments for '{commandName}' command");

    /// <summary>Writes a key of a stored item as a bulk string.</summary>
    public static void WriteKey(this ReplyBuffer reply, object item) => reply.WriteBulk(Entry.KeyOf(item));

    /// <summary>Redis addReplyHelp: a header, the subcommand lines, and HELP itself, as status replies.</summary>
    public static void WriteHelp(this Client client, string command, params string[] lines)
    {
        var reply = client.Reply;
        reply.WriteArrayHeader(lines.Length + 3);
        reply.WriteSimpleString($"{command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in lines) reply.WriteSimpleString(line);
        reply.WriteSimpleString("HELP");
        reply.WriteSimpleString("    Prints this help.");
    }
}
