using EventLoopKv.Protocol;
using EventLoopKv.Storage;
using static EventLoopKv.Server.Commands.StreamCommands;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// Consumer groups (Redis t_stream.c): XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM.
/// <para>
/// Logging. A delivery depends on the clock and on what was pending, so XREADGROUP, XCLAIM and
/// XAUTOCLAIM are logged as their effect, in Redis's idempotent form: per entry that changed
/// owner or count, <c>XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID LASTID
/// group-last-id</c> (FORCE creates the pending entry and its owner on replay; for an entry that
/// no longer exists in the stream, the same XCLAIM removes it from the PEL on replay too), then
/// <c>XGROUP SETID key group last-id ENTRIESREAD n</c> when the group's position moved. Unlike
/// Redis 7.0, a consumer created by XREADGROUP is always logged as XGROUP CREATECONSUMER and a
/// history read (an ID other than "&gt;"), which bumps delivery counts and times, is logged as
/// XCLAIMs too: replay then rebuilds exactly the group state the server had.
/// </para>
/// </summary>
internal static class StreamGroupCommands
{
    /// <summary>XREADGROUP GROUP group consumer [COUNT count] [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]</summary>
    public static void XReadGroup(Client client) => ReadGeneric(client, group: true);

    /// <summary>
    /// Serves one stream of an XREADGROUP into <paramref name="reply"/> (Redis xreadCommand's group
    /// branch and streamReplyWithRange): a history read always answers (from the consumer's own
    /// PEL); "&gt;" answers only when the stream has entries past the group's last ID. The
    /// consumer is created (and "seen") when served. Returns whether the stream was served.
    /// </summary>
    internal static bool ServeGroupRead(Client client, ReplyBuffer reply, StreamValue stream, StreamGroup group,
        int keyIndex, int groupIndex, StreamId id, bool newOnly, long count, bool noAck, long now)
    {
        var args = client.Args;
        var serve = !newOnly;
        var after = id;
        if (newOnly && stream.Length > 0 && stream.TryGetEdge(first: false, out var last) && last.Id > group.LastId)
        {
            serve = true;
            after = group.LastId;
        }
        // Redis 7.0 looks the consumer up (creating it) only for a stream it serves.
        if (!serve) return false;
        var consumer = group.FindConsumer(args[groupIndex + 1]);
        if (consumer is null)
        {
            consumer = group.CreateConsumer(args[groupIndex + 1], now)!;
            client.Server.PropagateCommand(client, "XGROUP"u8.ToArray(), "CREATECONSUMER"u8.ToArray(), args.ToArray(keyIndex), group.Name, consumer.Name);
        }
        consumer.SeenTime = now;

        if (!reply.Resp3) reply.WriteArrayHeader(2);
        reply.WriteBulk(args[keyIndex]);
        after.TryIncrement(out var start);
        var limit = count <= 0 ? long.MaxValue : count;
        if (!newOnly)
        {
            ServeHistory(client, reply, stream, group, consumer, keyIndex, start, limit, now);
            return true;
        }

        var total = 0;
        var counter = stream.Range(start, StreamId.Max);
        while (total < limit && counter.MoveNext()) total++;
        reply.WriteArrayHeader(total);
        var range = stream.Range(start, StreamId.Max);
        var moved = false;
        for (var i = 0; i < total && range.MoveNext(); i++)
        {
            var entry = range.Current;
            if (entry.Id > group.LastId)
            {
                stream.AdvanceGroup(group, entry.Id);
                moved = true;
            }
            WriteEntry(reply, entry);
            if (noAck) continue;
            var pending = group.Deliver(entry.Id, consumer, now);
            PropagateClaim(client, keyIndex, group, pending);
        }
        if (moved) PropagateGroupPosition(client, args.ToArray(keyIndex), group);
        return true;
    }

    /// <summary>Redis streamReplyWithRangeFromConsumerPEL: the consumer's pending entries from <paramref name="start"/>; gone entries come back as [id, nil].</summary>
    private static void ServeHistory(Client client, ReplyBuffer reply, StreamValue stream, StreamGroup group, StreamConsumer consumer,
        int keyIndex, StreamId start, long limit, long now)
    {
        var chosen = new List<StreamPendingEntry>();
        foreach (var pending in consumer.Pending.Range(start, StreamId.Max))
        {
            if (chosen.Count >= limit) break;
            chosen.Add(pending);
        }
        reply.WriteArrayHeader(chosen.Count);
        foreach (var pending in chosen)
        {
            if (stream.TryGetEntry(pending.Id, out var entry))
            {
                WriteEntry(reply, entry);
                pending.DeliveryTime = now;
                pending.DeliveryCount++;
                PropagateClaim(client, keyIndex, group, pending);
            }
            else
            {
                reply.WriteArrayHeader(2);
                WriteId(reply, pending.Id);
                reply.WriteNullArray();
            }
        }
    }

    /// <summary>XACK key group id [id ...]</summary>
    public static void XAck(Client client)
    {
        var args = client.Args;
        if (!TryLookupWrite(client, args[1], out var stream)) return;
        var group = stream?.FindGroup(args[2]);
        if (group is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        // All IDs are checked first: a partial acknowledgement cannot be reported as an error.
        var ids = new StreamId[args.Count - 3];
        for (var j = 3; j < args.Count; j++)
            if (!TryGetIdOrReply(client, j, 0, strict: true, out ids[j - 3])) return;
        var acknowledged = 0;
        foreach (var id in ids)
        {
            var pending = group.FindPending(id);
            if (pending is null) continue;
            group.Remove(pending);
            acknowledged++;
        }
        if (acknowledged > 0) client.Server.Propagate(client);
        client.Reply.WriteInteger(acknowledged);
    }

    /// <summary>XPENDING key group [[IDLE min-idle] start end count [consumer]]</summary>
    public static void XPending(Client client)
    {
        var args = client.Args;
        var summary = args.Count == 3;
        if (args.Count != 3 && (args.Count < 6 || args.Count > 9))
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        long minIdle = 0, count = 0;
        StreamId start = default, end = default;
        var consumerIndex = -1;
        if (args.Count >= 6)
        {
            var startIndex = 3;
            if (client.ArgIs(3, "idle"u8))
            {
                if (!client.TryGetInt64OrReply(4, out minIdle)) return;
                if (args.Count < 8)
                {
                    client.Reply.WriteError(SharedReplies.SyntaxError);
                    return;
                }
                startIndex += 2;
            }
            if (!client.TryGetInt64OrReply(startIndex + 2, out count)) return;
            if (count < 0) count = 0;
            if (!TryGetIntervalIdOrReply(client, startIndex, 0, out start, out var startExclusive)) return;
            if (startExclusive && !start.TryIncrement(out start))
            {
                client.Reply.WriteError("invalid start ID for the interval");
                return;
            }
            if (!TryGetIntervalIdOrReply(client, startIndex + 1, ulong.MaxValue, out end, out var endExclusive)) return;
            if (endExclusive && !end.TryDecrement(out end))
            {
                client.Reply.WriteError("invalid end ID for the interval");
                return;
            }
            if (startIndex + 3 < args.Count) consumerIndex = startIndex + 3;
        }
        if (!TryLookupRead(client, args[1], out var stream)) return;
        var group = stream?.FindGroup(args[2]);
        if (group is null)
        {
            WriteNoGroup(client);
            return;
        }
        var reply = client.Reply;
        if (summary)
        {
            reply.WriteArrayHeader(4);
            reply.WriteInteger(group.Pending.Count);
            if (group.Pending.Count == 0)
            {
                reply.WriteNull();
                reply.WriteNull();
                reply.WriteNullArray();
                return;
            }
            WriteId(reply, group.Pending.Min!.Id);
            WriteId(reply, group.Pending.Max!.Id);
            var owners = 0;
            foreach (var consumer in group.Consumers)
                if (consumer.Pending.Count > 0) owners++;
            reply.WriteArrayHeader(owners);
            foreach (var consumer in group.Consumers)
            {
                if (consumer.Pending.Count == 0) continue;
                reply.WriteArrayHeader(2);
                reply.WriteBulk(consumer.Name);
                reply.WriteBulk(consumer.Pending.Count);
            }
            return;
        }
        var pel = group.Pending;
        if (consumerIndex >= 0)
        {
            var owner = group.FindConsumer(args[consumerIndex]);
            if (owner is null)
            {
                reply.WriteRaw(SharedReplies.EmptyArray);
                return;
            }
            pel = owner.Pending;
        }
        var now = client.Server.Clock.UnixTimeMilliseconds();
        var chosen = new List<StreamPendingEntry>();
        foreach (var pending in pel.Range(start, end))
        {
            if (chosen.Count >= count) break;
            if (minIdle != 0 && now - pending.DeliveryTime < minIdle) continue;
            chosen.Add(pending);
        }
        reply.WriteArrayHeader(chosen.Count);
        foreach (var pending in chosen)
        {
            reply.WriteArrayHeader(4);
            WriteId(reply, pending.Id);
            reply.WriteBulk(pending.Consumer!.Name);
            reply.WriteInteger(Math.Max(0, now - pending.DeliveryTime));
            reply.WriteInteger(pending.DeliveryCount);
        }
    }

    /// <summary>XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-ms] [RETRYCOUNT n] [FORCE] [JUSTID] [LASTID id]</summary>
    public static void XClaim(Client client)
    {
        var args = client.Args;
        if (!TryLookupWrite(client, args[1], out var stream)) return;
        var group = stream?.FindGroup(args[2]);
        if (group is null)
        {
            WriteNoGroup(client);
            return;
        }
        if (!client.TryGetInt64OrReply(4, out var minIdle, "Invalid min-idle-time argument for XCLAIM")) return;
        if (minIdle < 0) minIdle = 0;
        // IDs run until the first argument that is not one; options follow.
        var j = 5;
        while (j < args.Count && StreamId.TryParse(args[j], 0, strict: true, out _)) j++;
        var lastIdIndex = j - 1;

        var now = client.Server.Clock.UnixTimeMilliseconds();
        long deliveryTime = -1, retryCount = -1;
        bool force = false, justId = false;
        var lastId = StreamId.Zero;
        for (; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "force"u8)) force = true;
            else if (client.ArgIs(j, "justid"u8)) justId = true;
            else if (client.ArgIs(j, "idle"u8) && more > 0)
            {
                if (!client.TryGetInt64OrReply(++j, out deliveryTime, "Invalid IDLE option argument for XCLAIM")) return;
                deliveryTime = unchecked(now - deliveryTime);
            }
            else if (client.ArgIs(j, "time"u8) && more > 0)
            {
                if (!client.TryGetInt64OrReply(++j, out deliveryTime, "Invalid TIME option argument for XCLAIM")) return;
            }
            else if (client.ArgIs(j, "retrycount"u8) && more > 0)
            {
                if (!client.TryGetInt64OrReply(++j, out retryCount, "Invalid RETRYCOUNT option argument for XCLAIM")) return;
            }
            else if (client.ArgIs(j, "lastid"u8) && more > 0)
            {
                if (!TryGetIdOrReply(client, ++j, 0, strict: true, out lastId)) return;
            }
            else
            {
                client.Reply.WriteError($"Unrecognized XCLAIM option '{client.ArgString(j)}'");
                return;
            }
        }
        var positionMoved = false;
        if (lastId > group.LastId)
        {
            group.LastId = lastId;
            positionMoved = true;
        }
        // A bogus time (negative, or in the future) is taken as "now", as Redis does.
        if (deliveryTime == -1 || deliveryTime < 0 || deliveryTime > now) deliveryTime = now;

        StreamConsumer? consumer = null;
        var reply = client.Reply;
        using var scratch = new ReplyBuffer { Resp3 = reply.Resp3 };
        var claimed = 0;
        var propagated = false;
        for (var k = 5; k <= lastIdIndex; k++)
        {
            StreamId.TryParse(args[k], 0, strict: true, out var id);
            var pending = group.FindPending(id);
            if (!stream!.TryGetEntry(id, out var entry))
            {
                // The entry is gone from the stream: its pending entry goes too.
                if (pending is not null)
                {
                    PropagateClaim(client, 1, group, pending);
                    propagated = true;
                    group.Remove(pending);
                }
                continue;
            }
            if (force && pending is null) pending = group.AddOrphan(id);
            if (pending is null) continue;
            if (pending.Consumer is not null && minIdle != 0 && now - pending.DeliveryTime < minIdle) continue;
            consumer ??= FindOrCreateConsumer(group, args[3], now);
            pending.DeliveryTime = deliveryTime;
            if (retryCount >= 0) pending.DeliveryCount = retryCount;
            else if (!justId) pending.DeliveryCount++;
            StreamGroup.Assign(pending, consumer);
            if (justId) WriteId(scratch, id);
            else WriteEntry(scratch, entry);
            claimed++;
            PropagateClaim(client, 1, group, pending);
            propagated = true;
        }
        if (positionMoved && !propagated) PropagateGroupPosition(client, args.ToArray(1), group);
        reply.WriteArrayHeader(claimed);
        reply.WriteRaw(scratch.Written);
    }

    /// <summary>XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]</summary>
    public static void XAutoClaim(Client client)
    {
        var args = client.Args;
        if (!client.TryGetInt64OrReply(4, out var minIdle, "Invalid min-idle-time argument for XAUTOCLAIM")) return;
        if (minIdle < 0) minIdle = 0;
        if (!TryGetIntervalIdOrReply(client, 5, 0, out var start, out var startExclusive)) return;
        if (startExclusive && !start.TryIncrement(out start))
        {
            client.Reply.WriteError("invalid start ID for the interval");
            return;
        }
        const long attemptsFactor = 10;
        long count = 100;
        var justId = false;
        for (var j = 6; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "count"u8) && more > 0)
            {
                // Redis: getRangeLongFromObjectOrReply(1, LONG_MAX / max(sizeof(streamID), 10)).
                if (!Int64Text.TryParse(args[j + 1], out count) || count < 1 || count > long.MaxValue / 16)
                {
                    client.Reply.WriteError("COUNT must be > 0");
                    return;
                }
                j++;
            }
            else if (client.ArgIs(j, "justid"u8)) justId = true;
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        if (!TryLookupWrite(client, args[1], out var stream)) return;
        var group = stream?.FindGroup(args[2]);
        if (group is null)
        {
            WriteNoGroup(client);
            return;
        }

        // Redis allocates count IDs up front for the deleted-entries reply and fails when the
        // allocator refuses (about 2^46 bytes on a 64-bit Linux): the same error past that size.
        if (count > (1L << 42))
        {
            client.Reply.WriteError("Insufficient memory, failed allocating transient memory, COUNT too high.");
            return;
        }

        // The PEL is walked from start: at most count*10 entries examined, count claimed.
        var attempts = count * attemptsFactor;
        var candidates = new List<StreamPendingEntry>();
        foreach (var pending in group.Pending.Range(start, StreamId.Max))
        {
            if (candidates.Count > attempts) break;
            candidates.Add(pending);
        }
        var now = client.Server.Clock.UnixTimeMilliseconds();
        StreamConsumer? consumer = null;
        using var scratch = new ReplyBuffer { Resp3 = client.Reply.Resp3 };
        var claimed = 0;
        List<StreamId>? deleted = null;
        var next = 0;
        while (attempts-- > 0 && count > 0 && next < candidates.Count)
        {
            var pending = candidates[next++];
            if (!stream!.TryGetEntry(pending.Id, out var entry))
            {
                PropagateClaim(client, 1, group, pending);
                group.Remove(pending);
                (deleted ??= []).Add(pending.Id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - pending.DeliveryTime < minIdle) continue;
            consumer ??= FindOrCreateConsumer(group, args[3], now);
            StreamGroup.Assign(pending, consumer);
            pending.DeliveryTime = now;
            if (!justId) pending.DeliveryCount++;
            if (justId) WriteId(scratch, pending.Id);
            else WriteEntry(scratch, entry);
            claimed++;
            count--;
            PropagateClaim(client, 1, group, pending);
        }
        var reply = client.Reply;
        reply.WriteArrayHeader(3);
        WriteId(reply, next < candidates.Count ? candidates[next].Id : StreamId.Zero);
        reply.WriteArrayHeader(claimed);
        reply.WriteRaw(scratch.Written);
        reply.WriteArrayHeader(deleted?.Count ?? 0);
        if (deleted is not null)
            foreach (var id in deleted) WriteId(reply, id);
    }

    private static StreamConsumer FindOrCreateConsumer(StreamGroup group, ReadOnlySpan<byte> name, long now)
    {
        var consumer = group.FindConsumer(name) ?? group.CreateConsumer(name, now)!;
        consumer.SeenTime = now;
        return consumer;
    }

    // ---------------------------------------------------------------- XGROUP

    /// <summary>XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD entries-read]</summary>
    public static void XGroupCreate(Client client)
    {
        var args = client.Args;
        var mkStream = false;
        var entriesRead = StreamGroup.InvalidEntriesRead;
        for (var i = 5; i < args.Count;)
        {
            if (client.ArgIs(i, "mkstream"u8))
            {
                mkStream = true;
                i++;
            }
            else if (client.ArgIs(i, "entriesread"u8) && i + 1 < args.Count)
            {
                if (!TryGetEntriesReadOrReply(client, i + 1, out entriesRead)) return;
                i += 2;
            }
            else
            {
                WriteSubcommandSyntaxError(client);
                return;
            }
        }
        if (!TryLookupGroupTarget(client, mkStream, requireGroup: false, out var stream, out _)) return;
        if (args.Count > 8)
        {
            WriteSubcommandSyntaxError(client);
            return;
        }
        StreamId id;
        if (args.Length(4) == 1 && args[4][0] == '$') id = stream?.LastId ?? StreamId.Zero;
        else if (!TryGetIdOrReply(client, 4, 0, strict: true, out id)) return;
        if (stream is null)
        {
            stream = new StreamValue(args.ToArray(2));
            client.Db.SetObject(stream);
        }
        if (stream.CreateGroup(args[3], id, entriesRead) is null)
        {
            client.Reply.WriteError("-BUSYGROUP Consumer Group name already exists");
            return;
        }
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    /// <summary>XGROUP SETID key group id|$ [ENTRIESREAD entries-read]</summary>
    public static void XGroupSetId(Client client)
    {
        if (!TryLookupGroupTarget(client, false, requireGroup: true, out var stream, out var group)) return;
        var args = client.Args;
        if (args.Count != 5 && args.Count != 7)
        {
            WriteSubcommandSyntaxError(client);
            return;
        }
        StreamId id;
        if (args.Length(4) == 1 && args[4][0] == '$') id = stream!.LastId;
        else if (!TryGetIdOrReply(client, 4, 0, strict: false, out id)) return;
        var entriesRead = StreamGroup.InvalidEntriesRead;
        if (args.Count == 7)
        {
            if (!client.ArgIs(5, "entriesread"u8))
            {
                WriteSubcommandSyntaxError(client);
                return;
            }
            if (!TryGetEntriesReadOrReply(client, 6, out entriesRead)) return;
        }
        group!.LastId = id;
        group.EntriesRead = entriesRead;
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    /// <summary>XGROUP DESTROY key group</summary>
    public static void XGroupDestroy(Client client)
    {
        if (!TryLookupGroupTarget(client, false, requireGroup: false, out var stream, out _)) return;
        if (!stream!.DestroyGroup(client.Args[3]))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        client.Server.Propagate(client);
        client.Reply.WriteInteger(1);
        // Readers blocked on this group wake up (and find it gone).
        client.Server.Blocking.SignalKeyReady(client.Db, client.Args[2]);
    }

    /// <summary>XGROUP CREATECONSUMER key group consumer</summary>
    public static void XGroupCreateConsumer(Client client)
    {
        if (!TryLookupGroupTarget(client, false, requireGroup: true, out _, out var group)) return;
        var created = group!.CreateConsumer(client.Args[4], client.Server.Clock.UnixTimeMilliseconds());
        if (created is not null) client.Server.Propagate(client);
        client.Reply.WriteInteger(created is null ? 0 : 1);
    }

    /// <summary>XGROUP DELCONSUMER key group consumer: answers how many entries it still had pending.</summary>
    public static void XGroupDelConsumer(Client client)
    {
        if (!TryLookupGroupTarget(client, false, requireGroup: true, out _, out var group)) return;
        var consumer = group!.FindConsumer(client.Args[4]);
        if (consumer is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var pending = group.DeleteConsumer(consumer);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(pending);
    }

    public static void XGroupHelp(Client client) => WriteHelp(client, "XGROUP",
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.");

    /// <summary>
    /// Redis addReplyHelp as 7.0.15 writes it ("Prints this help."; the shared
    /// <see cref="ClientReplyExtensions.WriteHelp"/> says "Print").
    /// </summary>
    internal static void WriteHelp(Client client, string command, params string[] lines)
    {
        var reply = client.Reply;
        reply.WriteArrayHeader(lines.Length + 3);
        reply.WriteSimpleString($"{command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in lines) reply.WriteSimpleString(line);
        reply.WriteSimpleString("HELP");
        reply.WriteSimpleString("    Prints this help.");
    }

    /// <summary>
    /// XGROUP's common checks (Redis xgroupCommand): the key must hold a stream unless MKSTREAM;
    /// SETID, CREATECONSUMER and DELCONSUMER need the group.
    /// </summary>
    private static bool TryLookupGroupTarget(Client client, bool mkStream, bool requireGroup, out StreamValue? stream, out StreamGroup? group)
    {
        group = null;
        var args = client.Args;
        if (!TryLookupWrite(client, args[2], out stream)) return false;
        if (mkStream) return true;
        if (stream is null)
        {
            client.Reply.WriteError("The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.");
            return false;
        }
        group = stream.FindGroup(args[3]);
        if (group is null && requireGroup)
        {
            client.Reply.WriteError($"-NOGROUP No such consumer group '{client.ArgString(3)}' for key name '{client.ArgString(2)}'");
            return false;
        }
        return true;
    }

    private static bool TryGetEntriesReadOrReply(Client client, int index, out long entriesRead)
    {
        if (!client.TryGetInt64OrReply(index, out entriesRead)) return false;
        if (entriesRead >= 0 || entriesRead == StreamGroup.InvalidEntriesRead) return true;
        client.Reply.WriteError("value for ENTRIESREAD must be positive or -1");
        return false;
    }

    /// <summary>Redis addReplySubcommandSyntaxError.</summary>
    internal static void WriteSubcommandSyntaxError(Client client) =>
        client.Reply.WriteError($"unknown subcommand or wrong number of arguments for '{Truncate(client.ArgString(1))}'. Try {client.ArgString(0).ToUpperInvariant()} HELP.");

    private static string Truncate(string text) => text.Length > 128 ? text[..128] : text;

    private static void WriteNoGroup(Client client) =>
        client.Reply.WriteError($"-NOGROUP No such key '{client.ArgString(1)}' or consumer group '{client.ArgString(2)}'");

    // ---------------------------------------------------------------- propagation

    /// <summary>Logs a pending entry's state as Redis's idempotent XCLAIM (see the class comment).</summary>
    private static void PropagateClaim(Client client, int keyIndex, StreamGroup group, StreamPendingEntry pending)
    {
        client.Server.PropagateCommand(client,
            "XCLAIM"u8.ToArray(), client.Args.ToArray(keyIndex), group.Name, pending.Consumer!.Name, "0"u8.ToArray(), pending.Id.ToBytes(),
            "TIME"u8.ToArray(), Number(pending.DeliveryTime), "RETRYCOUNT"u8.ToArray(), Number(pending.DeliveryCount),
            "FORCE"u8.ToArray(), "JUSTID"u8.ToArray(), "LASTID"u8.ToArray(), group.LastId.ToBytes());
    }

    /// <summary>Logs the group's position and read counter (Redis streamPropagateGroupID).</summary>
    private static void PropagateGroupPosition(Client client, byte[] key, StreamGroup group) =>
        client.Server.PropagateCommand(client, "XGROUP"u8.ToArray(), "SETID"u8.ToArray(), key, group.Name, group.LastId.ToBytes(),
            "ENTRIESREAD"u8.ToArray(), Number(group.EntriesRead));

    private static byte[] Number(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        return digits[..RedisNumbers.FormatInt64(value, digits)].ToArray();
    }
}
