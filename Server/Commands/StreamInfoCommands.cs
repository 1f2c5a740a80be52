using EventLoopKv.Protocol;
using EventLoopKv.Storage;
using static EventLoopKv.Server.Commands.StreamCommands;

namespace EventLoopKv.Server.Commands;

/// <summary>XINFO STREAM, GROUPS, CONSUMERS and HELP, with Redis 7.0's field names and order (t_stream.c xinfoCommand).</summary>
internal static class StreamInfoCommands
{
    /// <summary>XINFO STREAM key [FULL [COUNT count]]</summary>
    public static void Stream(Client client)
    {
        if (!TryGetStreamOrReply(client, out var stream)) return;
        var args = client.Args;
        var options = args.Count - 3;
        var full = options > 0;
        long count = 10;
        if (full)
        {
            if ((options != 1 && options != 3) || !client.ArgIs(3, "full"u8) || (options == 3 && !client.ArgIs(4, "count"u8)))
            {
                StreamGroupCommands.WriteSubcommandSyntaxError(client);
                return;
            }
            if (options == 3)
            {
                if (!client.TryGetInt64OrReply(5, out count)) return;
                if (count < 0) count = 10;
            }
        }
        var reply = client.Reply;
        reply.WriteMapHeader(full ? 9 : 10);
        reply.WriteBulk("length"u8);
        reply.WriteInteger(stream.Length);
        reply.WriteBulk("radix-tree-keys"u8);
        reply.WriteInteger(stream.NodeCount);
        reply.WriteBulk("radix-tree-nodes"u8);
        reply.WriteInteger(stream.RadixTreeNodes());
        reply.WriteBulk("last-generated-id"u8);
        WriteId(reply, stream.LastId);
        reply.WriteBulk("max-deleted-entry-id"u8);
        WriteId(reply, stream.MaxDeletedId);
        reply.WriteBulk("entries-added"u8);
        reply.WriteInteger(stream.EntriesAdded);
        reply.WriteBulk("recorded-first-entry-id"u8);
        WriteId(reply, stream.FirstId);
        if (!full)
        {
            reply.WriteBulk("groups"u8);
            reply.WriteInteger(stream.GroupCount);
            reply.WriteBulk("first-entry"u8);
            if (stream.TryGetEdge(first: true, out var first)) WriteEntry(reply, first);
            else reply.WriteNull();
            reply.WriteBulk("last-entry"u8);
            if (stream.TryGetEdge(first: false, out var last)) WriteEntry(reply, last);
            else reply.WriteNull();
            return;
        }
        reply.WriteBulk("entries"u8);
        WriteRange(reply, stream, StreamId.Zero, StreamId.Max, count, reverse: false);
        reply.WriteBulk("groups"u8);
        reply.WriteArrayHeader(stream.GroupCount);
        foreach (var group in stream.Groups) WriteFullGroup(reply, stream, group, count);
    }

    private static void WriteFullGroup(ReplyBuffer reply, StreamValue stream, StreamGroup group, long count)
    {
        var limit = count == 0 ? long.MaxValue : count;
        reply.WriteMapHeader(7);
        reply.WriteBulk("name"u8);
        reply.WriteBulk(group.Name);
        reply.WriteBulk("last-delivered-id"u8);
        WriteId(reply, group.LastId);
        WriteEntriesReadAndLag(reply, stream, group);
        reply.WriteBulk("pel-count"u8);
        reply.WriteInteger(group.Pending.Count);
        reply.WriteBulk("pending"u8);
        reply.WriteArrayHeader((int)Math.Min(limit, group.Pending.Count));
        var written = 0L;
        foreach (var pending in group.Pending)
        {
            if (written++ == limit) break;
            reply.WriteArrayHeader(4);
            WriteId(reply, pending.Id);
            reply.WriteBulk(pending.Consumer!.Name);
            reply.WriteInteger(pending.DeliveryTime);
            reply.WriteInteger(pending.DeliveryCount);
        }
        reply.WriteBulk("consumers"u8);
        reply.WriteArrayHeader(group.Consumers.Count);
        foreach (var consumer in group.Consumers)
        {
            reply.WriteMapHeader(4);
            reply.WriteBulk("name"u8);
            reply.WriteBulk(consumer.Name);
            reply.WriteBulk("seen-time"u8);
            reply.WriteInteger(consumer.SeenTime);
            reply.WriteBulk("pel-count"u8);
            reply.WriteInteger(consumer.Pending.Count);
            reply.WriteBulk("pending"u8);
            reply.WriteArrayHeader((int)Math.Min(limit, consumer.Pending.Count));
            written = 0;
            foreach (var pending in consumer.Pending)
            {
                if (written++ == limit) break;
                reply.WriteArrayHeader(3);
                WriteId(reply, pending.Id);
                reply.WriteInteger(pending.DeliveryTime);
                reply.WriteInteger(pending.DeliveryCount);
            }
        }
    }

    /// <summary>XINFO GROUPS key</summary>
    public static void Groups(Client client)
    {
        if (!TryGetStreamOrReply(client, out var stream)) return;
        var reply = client.Reply;
        reply.WriteArrayHeader(stream.GroupCount);
        foreach (var group in stream.Groups)
        {
            reply.WriteMapHeader(6);
            reply.WriteBulk("name"u8);
            reply.WriteBulk(group.Name);
            reply.WriteBulk("consumers"u8);
            reply.WriteInteger(group.Consumers.Count);
            reply.WriteBulk("pending"u8);
            reply.WriteInteger(group.Pending.Count);
            reply.WriteBulk("last-delivered-id"u8);
            WriteId(reply, group.LastId);
            WriteEntriesReadAndLag(reply, stream, group);
        }
    }

    /// <summary>XINFO CONSUMERS key group</summary>
    public static void Consumers(Client client)
    {
        if (!TryGetStreamOrReply(client, out var stream)) return;
        var group = stream.FindGroup(client.Args[3]);
        if (group is null)
        {
            client.Reply.WriteError($"-NOGROUP No such consumer group '{client.ArgString(3)}' for key name '{client.ArgString(2)}'");
            return;
        }
        var now = client.Server.Clock.UnixTimeMilliseconds();
        var reply = client.Reply;
        reply.WriteArrayHeader(group.Consumers.Count);
        foreach (var consumer in group.Consumers)
        {
            reply.WriteMapHeader(3);
            reply.WriteBulk("name"u8);
            reply.WriteBulk(consumer.Name);
            reply.WriteBulk("pending"u8);
            reply.WriteInteger(consumer.Pending.Count);
            reply.WriteBulk("idle"u8);
            reply.WriteInteger(now - consumer.SeenTime);
        }
    }

    public static void Help(Client client) => StreamGroupCommands.WriteHelp(client, "XINFO",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.");

    private static void WriteEntriesReadAndLag(ReplyBuffer reply, StreamValue stream, StreamGroup group)
    {
        reply.WriteBulk("entries-read"u8);
        if (group.EntriesRead != StreamGroup.InvalidEntriesRead) reply.WriteInteger(group.EntriesRead);
        else reply.WriteNull();
        reply.WriteBulk("lag"u8);
        if (stream.Lag(group) is { } lag) reply.WriteInteger(lag);
        else reply.WriteNull();
    }

    /// <summary>Every XINFO subcommand but HELP starts here: a missing key is "no such key".</summary>
    private static bool TryGetStreamOrReply(Client client, out StreamValue stream)
    {
        stream = null!;
        if (!TryLookupRead(client, client.Args[2], out var found)) return false;
        if (found is null)
        {
            client.Reply.WriteError(SharedReplies.NoSuchKey);
            return false;
        }
        stream = found;
        return true;
    }
}
