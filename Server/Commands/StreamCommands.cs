using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// The stream commands that need no consumer group (Redis t_stream.c): XADD, XLEN, XRANGE,
/// XREVRANGE, XDEL, XTRIM, XSETID, XREAD; and the helpers the group and info commands share
/// (ID parsing, entry replies, key lookups).
/// </summary>
internal static class StreamCommands
{
    internal const string InvalidIdError = "Invalid stream ID specified as stream command argument";

    /// <summary>Redis XREAD_BLOCKED_DEFAULT_COUNT: a client that blocked without COUNT is served at most this many entries.</summary>
    private const string BlockedDefaultCount = "1000";

    /// <summary>XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]</summary>
    public static void XAdd(Client client)
    {
        var idIndex = ParseAddOrTrimArgsOrReply(client, xadd: true, out var options);
        if (idIndex < 0) return;
        var args = client.Args;
        var fieldsIndex = idIndex + 1;
        var pairsLength = args.Count - fieldsIndex;
        if (pairsLength < 2 || pairsLength % 2 == 1)
        {
            client.WriteWrongArity("xadd");
            return;
        }
        if (options.IdGiven && options.SeqGiven && options.Id.IsZero)
        {
            client.Reply.WriteError("The ID specified in XADD must be greater than 0-0");
            return;
        }
        var key = args[1];
        if (!TryLookupWrite(client, key, out var stream)) return;
        var created = stream is null;
        if (stream is null)
        {
            if (options.NoMkStream)
            {
                client.Reply.WriteNull();
                return;
            }
            stream = new StreamValue(key.ToArray());
        }
        if (stream.LastId == StreamId.Max)
        {
            client.Reply.WriteError("The stream has exhausted the last possible ID, unable to add more items");
            return;
        }
        var result = stream.Append(options.IdGiven ? options.Id : null, options.SeqGiven, new ArgumentPairs(args, fieldsIndex),
            client.Server.Clock.UnixTimeMilliseconds(), out var id);
        if (result != StreamValue.AppendResult.Added)
        {
            // Redis 7.0.15 reports a sequence overflow of "ms-*" with the ERANGE text (errno is not EDOM there).
            client.Reply.WriteError(result == StreamValue.AppendResult.IdTooSmall
                ? "The ID specified in XADD is equal or smaller than the target stream top item"
                : "Elements are too large to be stored");
            return;
        }
        if (created) client.Db.SetObject(stream);
        WriteId(client.Reply, id);
        if (options.Strategy != StreamValue.TrimStrategy.None)
            stream.Trim(options.Strategy, options.MaxLength, options.MinId, options.Approximate, options.Limit);
        PropagateAdd(client, stream, options, id, fieldsIndex);
        if (!created) client.Server.Blocking.SignalKeyReady(client.Db, key);
    }

    /// <summary>
    /// XADD is logged with the ID it got (never "*"), and an approximate trim as the exact trim it
    /// amounted to ("MAXLEN = length" / "MINID = first ID"), so replay is deterministic; LIMIT and
    /// NOMKSTREAM have no effect on replay and are left out.
    /// </summary>
    private static void PropagateAdd(Client client, StreamValue stream, in AddTrimOptions options, StreamId id, int fieldsIndex)
    {
        var server = client.Server;
        var args = client.Args;
        var trimArgs = options.Strategy == StreamValue.TrimStrategy.None ? 0 : 3;
        var command = new byte[2 + trimArgs + 1 + args.Count - fieldsIndex][];
        command[0] = "XADD"u8.ToArray();
        command[1] = args.ToArray(1);
        var n = 2;
        if (trimArgs > 0)
        {
            command[n++] = options.Strategy == StreamValue.TrimStrategy.MaxLen ? "MAXLEN"u8.ToArray() : "MINID"u8.ToArray();
            command[n++] = "="u8.ToArray();
            command[n++] = TrimThreshold(client, stream, options);
        }
        command[n++] = id.ToBytes();
        for (var i = fieldsIndex; i < args.Count; i++) command[n++] = args.ToArray(i);
        server.PropagateCommand(client, command);
    }

    /// <summary>Redis streamRewriteTrimArgument: what an approximate trim left, as an exact threshold.</summary>
    private static byte[] TrimThreshold(Client client, StreamValue stream, in AddTrimOptions options)
    {
        if (!options.Approximate) return client.Args.ToArray(options.ThresholdIndex);
        if (options.Strategy == StreamValue.TrimStrategy.MaxLen)
        {
            Span<byte> digits = stackalloc byte[20];
            return digits[..RedisNumbers.FormatInt64(stream.Length, digits)].ToArray();
        }
        return stream.FirstIdIncludingTombstones().ToBytes();
    }

    public static void XLen(Client client)
    {
        if (!TryLookupRead(client, client.Args[1], out var stream)) return;
        client.Reply.WriteInteger(stream?.Length ?? 0);
    }

    /// <summary>XRANGE key start end [COUNT count]</summary>
    public static void XRange(Client client) => RangeGeneric(client, reverse: false);

    /// <summary>XREVRANGE key end start [COUNT count]</summary>
    public static void XRevRange(Client client) => RangeGeneric(client, reverse: true);

    /// <summary>Redis xrangeGenericCommand: "-"/"+", incomplete IDs (start .0, end .max), "(" exclusive bounds.</summary>
    private static void RangeGeneric(Client client, bool reverse)
    {
        var startIndex = reverse ? 3 : 2;
        var endIndex = reverse ? 2 : 3;
        if (!TryGetIntervalIdOrReply(client, startIndex, 0, out var start, out var startExclusive)) return;
        if (startExclusive && !start.TryIncrement(out start))
        {
            client.Reply.WriteError("invalid start ID for the interval");
            return;
        }
        if (!TryGetIntervalIdOrReply(client, endIndex, ulong.MaxValue, out var end, out var endExclusive)) return;
        if (endExclusive && !end.TryDecrement(out end))
        {
            client.Reply.WriteError("invalid end ID for the interval");
            return;
        }
        long count = -1;
        var args = client.Args;
        for (var j = 4; j < args.Count; j++)
        {
            if (client.ArgIs(j, "count"u8) && j + 1 < args.Count)
            {
                if (!client.TryGetInt64OrReply(j + 1, out count)) return;
                if (count < 0) count = 0;
                j++;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        if (!TryLookupRead(client, args[1], out var stream)) return;
        if (stream is null)
        {
            client.Reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        if (count == 0)
        {
            client.Reply.WriteNullArray();
            return;
        }
        WriteRange(client.Reply, stream, start, end, count < 0 ? 0 : count, reverse);
    }

    /// <summary>XDEL key id [id ...]</summary>
    public static void XDel(Client client)
    {
        var args = client.Args;
        if (!TryLookupWrite(client, args[1], out var stream)) return;
        if (stream is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        // Every ID is checked before anything is deleted: the command runs whole or not at all.
        Span<StreamId> ids = args.Count - 2 <= 32 ? stackalloc StreamId[args.Count - 2] : new StreamId[args.Count - 2];
        for (var j = 2; j < args.Count; j++)
            if (!TryGetIdOrReply(client, j, 0, strict: true, out ids[j - 2])) return;
        var deleted = 0;
        var deletedFirst = false;
        foreach (var id in ids)
        {
            if (!stream.Delete(id)) continue;
            if (id == stream.FirstId) deletedFirst = true;
            if (id > stream.MaxDeletedId) stream.MaxDeletedId = id;
            deleted++;
        }
        if (deleted > 0)
        {
            stream.AfterDelete(deletedFirst);
            client.Server.Propagate(client);
        }
        client.Reply.WriteInteger(deleted);
    }

    /// <summary>XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]</summary>
    public static void XTrim(Client client)
    {
        if (ParseAddOrTrimArgsOrReply(client, xadd: false, out var options) < 0) return;
        if (!TryLookupWrite(client, client.Args[1], out var stream)) return;
        if (stream is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var deleted = stream.Trim(options.Strategy, options.MaxLength, options.MinId, options.Approximate, options.Limit);
        if (deleted > 0)
        {
            var server = client.Server;
            if (!options.Approximate) server.Propagate(client);
            else
                server.PropagateCommand(client, "XTRIM"u8.ToArray(), client.Args.ToArray(1),
                    options.Strategy == StreamValue.TrimStrategy.MaxLen ? "MAXLEN"u8.ToArray() : "MINID"u8.ToArray(),
                    "="u8.ToArray(), TrimThreshold(client, stream, options));
        }
        client.Reply.WriteInteger(deleted);
    }

    /// <summary>XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]</summary>
    public static void XSetId(Client client)
    {
        if (!TryGetIdOrReply(client, 2, 0, strict: true, out var id)) return;
        var args = client.Args;
        long entriesAdded = -1;
        var maxDeleted = StreamId.Zero;
        for (var i = 3; i < args.Count; i += 2)
        {
            var more = i + 1 < args.Count;
            if (client.ArgIs(i, "entriesadded"u8) && more)
            {
                if (!client.TryGetInt64OrReply(i + 1, out entriesAdded)) return;
                if (entriesAdded < 0)
                {
                    client.Reply.WriteError("entries_added must be positive");
                    return;
                }
            }
            else if (client.ArgIs(i, "maxdeletedid"u8) && more)
            {
                if (!TryGetIdOrReply(client, i + 1, 0, strict: true, out maxDeleted)) return;
                if (id < maxDeleted)
                {
                    client.Reply.WriteError("The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                    return;
                }
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        if (!TryLookupWrite(client, args[1], out var stream)) return;
        if (stream is null)
        {
            client.Reply.WriteError(SharedReplies.NoSuchKey);
            return;
        }
        if (stream.Length > 0)
        {
            stream.TryGetEdge(first: false, out var top);
            if (id < top.Id)
            {
                client.Reply.WriteError("The ID specified in XSETID is smaller than the target stream top item");
                return;
            }
            if (entriesAdded != -1 && stream.Length > entriesAdded)
            {
                client.Reply.WriteError("The entries_added specified in XSETID is smaller than the target stream length");
                return;
            }
        }
        stream.LastId = id;
        if (entriesAdded != -1) stream.EntriesAdded = entriesAdded;
        if (!maxDeleted.IsZero) stream.MaxDeletedId = maxDeleted;
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    /// <summary>XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]</summary>
    public static void XRead(Client client) => ReadGeneric(client, group: false);

    /// <summary>
    /// Redis xreadCommand, which serves XREAD and XREADGROUP: parse the options, resolve each
    /// key's ID ("$" = its last ID now, "&gt;" = new to the group), serve every stream that has
    /// something, else block (with "$" replaced by the ID it stood for, so the wake-up sees the
    /// new entries) or answer a null array.
    /// </summary>
    internal static void ReadGeneric(Client client, bool group)
    {
        var args = client.Args;
        long deadline = -1; // -1: no BLOCK
        long count = 0;
        var countGiven = false;
        var streamsIndex = 0;
        var streamCount = 0;
        var noAck = false;
        var groupIndex = 0;
        for (var i = 1; i < args.Count; i++)
        {
            var more = args.Count - i - 1;
            if (client.ArgIs(i, "block"u8) && more > 0)
            {
                i++;
                if (!TryParseBlockTimeout(client, i, out deadline)) return;
            }
            else if (client.ArgIs(i, "count"u8) && more > 0)
            {
                i++;
                if (!client.TryGetInt64OrReply(i, out count)) return;
                if (count < 0) count = 0;
                countGiven = true;
            }
            else if (client.ArgIs(i, "streams"u8) && more > 0)
            {
                streamsIndex = i + 1;
                streamCount = args.Count - streamsIndex;
                if (streamCount % 2 != 0)
                {
                    // Redis 7.0.15 says XREAD and '$' for XREADGROUP as well.
                    client.Reply.WriteError("Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                    return;
                }
                streamCount /= 2;
                break;
            }
            else if (client.ArgIs(i, "group"u8) && more >= 2)
            {
                if (!group)
                {
                    client.Reply.WriteError("The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                    return;
                }
                groupIndex = i + 1;
                i += 2;
            }
            else if (client.ArgIs(i, "noack"u8))
            {
                if (!group)
                {
                    client.Reply.WriteError("The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                    return;
                }
                noAck = true;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        if (streamsIndex == 0)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (group && groupIndex == 0)
        {
            client.Reply.WriteError("Missing GROUP option for XREADGROUP");
            return;
        }

        // Resolve the IDs; "$" and "&gt;" are remembered as such (Redis marks "&gt;" as the max ID).
        var ids = new StreamId[streamCount];
        var newOnly = new bool[streamCount];
        var groups = group ? new StreamGroup[streamCount] : null;
        for (var k = 0; k < streamCount; k++)
        {
            var keyIndex = streamsIndex + k;
            var idIndex = keyIndex + streamCount;
            var key = args[keyIndex];
            var found = group ? TryLookupWrite(client, key, out var stream) : TryLookupRead(client, key, out stream);
            if (!found) return;
            if (group)
            {
                var g = stream?.FindGroup(args[groupIndex]);
                if (g is null)
                {
                    client.Reply.WriteError($"-NOGROUP No such key '{client.ArgString(keyIndex)}' or consumer group '{client.ArgString(groupIndex)}' in XREADGROUP with GROUP option");
                    return;
                }
                groups![k] = g;
            }
            var id = args[idIndex];
            if (id.Length == 1 && id[0] == '$')
            {
                if (group)
                {
                    client.Reply.WriteError("The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.");
                    return;
                }
                ids[k] = stream?.LastId ?? StreamId.Zero;
                continue;
            }
            if (id.Length == 1 && id[0] == '>')
            {
                if (!group)
                {
                    client.Reply.WriteError("The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
                    return;
                }
                ids[k] = StreamId.Max;
                newOnly[k] = true;
                continue;
            }
            if (!TryGetIdOrReply(client, idIndex, 0, strict: true, out ids[k])) return;
        }

        // Serve synchronously what can be served. The count of served streams is known only at
        // the end, so the per-stream replies go to a scratch buffer first.
        using var scratch = new ReplyBuffer { Resp3 = client.Reply.Resp3 };
        var served = 0;
        var now = client.Server.Clock.UnixTimeMilliseconds();
        for (var k = 0; k < streamCount; k++)
        {
            var keyIndex = streamsIndex + k;
            var stream = FindStream(client, args[keyIndex]);
            if (stream is null) continue;
            if (group)
            {
                if (StreamGroupCommands.ServeGroupRead(client, scratch, stream, groups![k], keyIndex, groupIndex, ids[k], newOnly[k], count, noAck, now))
                    served++;
                continue;
            }
            if (stream.Length == 0 || !stream.TryGetEdge(first: false, out var last) || last.Id <= ids[k]) continue;
            ids[k].TryIncrement(out var start);
            if (!scratch.Resp3) scratch.WriteArrayHeader(2);
            scratch.WriteBulk(args[keyIndex]);
            WriteRange(scratch, stream, start, StreamId.Max, count, reverse: false);
            served++;
        }
        if (served > 0)
        {
            if (client.Reply.Resp3) client.Reply.WriteMapHeader(served);
            else client.Reply.WriteArrayHeader(served);
            client.Reply.WriteRaw(scratch.Written);
            return;
        }
        if (deadline < 0)
        {
            client.Reply.WriteNullArray();
            return;
        }
        var keys = new byte[streamCount][];
        for (var k = 0; k < streamCount; k++) keys[k] = args.ToArray(streamsIndex + k);
        client.Server.Blocking.Block(client, keys, deadline, BlockedReplay(client, streamsIndex, streamCount, ids, countGiven));
    }

    /// <summary>
    /// The command a blocked reader runs again when woken: "$" becomes the ID it resolved to when
    /// the client blocked, and without COUNT it is served at most 1000 entries, as Redis does.
    /// </summary>
    private static byte[][] BlockedReplay(Client client, int streamsIndex, int streamCount, StreamId[] ids, bool countGiven)
    {
        var args = client.Args;
        var replay = new List<byte[]>(args.Count + 2) { args.ToArray(0) };
        if (!countGiven)
        {
            replay.Add("COUNT"u8.ToArray());
            replay.Add(System.Text.Encoding.ASCII.GetBytes(BlockedDefaultCount));
        }
        for (var i = 1; i < args.Count; i++)
        {
            var idSlot = i - streamsIndex - streamCount;
            if (idSlot >= 0 && args.Length(i) == 1 && args[i][0] == '$') replay.Add(ids[idSlot].ToBytes());
            else replay.Add(args.ToArray(i));
        }
        return [.. replay];
    }

    /// <summary>
    /// Redis getTimeoutFromObjectOrReply in milliseconds: an integer, not negative, 0 = forever.
    /// A deadline past the end of time blocks forever (Redis's addition overflows; it blocks too).
    /// </summary>
    private static bool TryParseBlockTimeout(Client client, int index, out long deadlineMs)
    {
        deadlineMs = 0;
        if (!Int64Text.TryParse(client.Args[index], out var milliseconds))
        {
            client.Reply.WriteError("timeout is not an integer or out of range");
            return false;
        }
        if (milliseconds < 0)
        {
            client.Reply.WriteError("timeout is negative");
            return false;
        }
        if (milliseconds == 0) return true;
        var now = client.Server.Clock.UnixTimeMilliseconds();
        deadlineMs = milliseconds > long.MaxValue - now ? 0 : now + milliseconds;
        return true;
    }

    // ---------------------------------------------------------------- option parsing

    internal struct AddTrimOptions
    {
        public StreamValue.TrimStrategy Strategy;
        public long MaxLength;
        public StreamId MinId;
        public bool Approximate;
        public long Limit;
        /// <summary>Where the MAXLEN/MINID threshold is, for propagation.</summary>
        public int ThresholdIndex;
        public bool NoMkStream;
        public bool IdGiven;
        public bool SeqGiven;
        public StreamId Id;
    }

    /// <summary>
    /// Redis streamParseAddOrTrimArgsOrReply, with its error texts and their order. Returns the
    /// index of XADD's ID argument (or where the options ended), -1 after replying an error.
    /// </summary>
    private static int ParseAddOrTrimArgsOrReply(Client client, bool xadd, out AddTrimOptions options)
    {
        options = new AddTrimOptions { SeqGiven = true };
        var args = client.Args;
        var limitGiven = false;
        var i = 2;
        for (; i < args.Count; i++)
        {
            var more = args.Count - 1 - i;
            if (xadd && args.Length(i) == 1 && args[i][0] == '*') break;
            var maxLen = client.ArgIs(i, "maxlen"u8);
            if ((maxLen || client.ArgIs(i, "minid"u8)) && more > 0)
            {
                if (options.Strategy != StreamValue.TrimStrategy.None)
                {
                    client.Reply.WriteError("syntax error, MAXLEN and MINID options at the same time are not compatible");
                    return -1;
                }
                options.Approximate = false;
                var next = args[i + 1];
                if (more >= 2 && next.Length == 1 && next[0] == '~')
                {
                    options.Approximate = true;
                    i++;
                }
                else if (more >= 2 && next.Length == 1 && next[0] == '=') i++;
                if (maxLen)
                {
                    if (!client.TryGetInt64OrReply(i + 1, out options.MaxLength)) return -1;
                    if (options.MaxLength < 0)
                    {
                        client.Reply.WriteError("The MAXLEN argument must be >= 0.");
                        return -1;
                    }
                }
                else if (!TryGetIdOrReply(client, i + 1, 0, strict: true, out options.MinId)) return -1;
                i++;
                options.Strategy = maxLen ? StreamValue.TrimStrategy.MaxLen : StreamValue.TrimStrategy.MinId;
                options.ThresholdIndex = i;
            }
            else if (client.ArgIs(i, "limit"u8) && more > 0)
            {
                if (!client.TryGetInt64OrReply(i + 1, out options.Limit)) return -1;
                if (options.Limit < 0)
                {
                    client.Reply.WriteError("The LIMIT argument must be >= 0.");
                    return -1;
                }
                limitGiven = true;
                i++;
            }
            else if (xadd && client.ArgIs(i, "nomkstream"u8)) options.NoMkStream = true;
            else if (xadd)
            {
                // Anything else is the ID (or a syntax error reported as an invalid ID).
                if (!StreamId.TryParse(args[i], 0, strict: true, allowAutoSeq: true, out options.Id, out options.SeqGiven))
                {
                    client.Reply.WriteError(InvalidIdError);
                    return -1;
                }
                options.IdGiven = true;
                break;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return -1;
            }
        }
        if (options.Limit != 0 && options.Strategy == StreamValue.TrimStrategy.None)
        {
            client.Reply.WriteError("syntax error, LIMIT cannot be used without specifying a trimming strategy");
            return -1;
        }
        if (!xadd && options.Strategy == StreamValue.TrimStrategy.None)
        {
            client.Reply.WriteError("syntax error, XTRIM must be called with a trimming strategy");
            return -1;
        }
        if (limitGiven)
        {
            if (!options.Approximate)
            {
                client.Reply.WriteError("syntax error, LIMIT cannot be used without the special ~ option");
                return -1;
            }
        }
        else
        {
            // Without LIMIT, "~" may remove at most 100 nodes' worth of entries per call.
            options.Limit = options.Approximate ? 100L * EncodingLimits.StreamNodeMaxEntries : 0;
        }
        return i;
    }

    // ---------------------------------------------------------------- shared helpers

    /// <summary>Redis streamParseIDOrReply / streamParseStrictIDOrReply.</summary>
    internal static bool TryGetIdOrReply(Client client, int index, ulong missingSeq, bool strict, out StreamId id)
    {
        if (StreamId.TryParse(client.Args[index], missingSeq, strict, out id)) return true;
        client.Reply.WriteError(InvalidIdError);
        return false;
    }

    /// <summary>Redis streamParseIntervalIDOrReply: "(id" is exclusive (and then "-"/"+" are invalid).</summary>
    internal static bool TryGetIntervalIdOrReply(Client client, int index, ulong missingSeq, out StreamId id, out bool exclusive)
    {
        var text = client.Args[index];
        exclusive = text.Length > 1 && text[0] == '(';
        var ok = exclusive
            ? StreamId.TryParse(text[1..], missingSeq, strict: true, out id)
            : StreamId.TryParse(text, missingSeq, strict: false, out id);
        if (!ok) client.Reply.WriteError(InvalidIdError);
        return ok;
    }

    internal static void WriteId(ReplyBuffer reply, StreamId id)
    {
        Span<byte> text = stackalloc byte[StreamId.MaxTextLength];
        reply.WriteBulk(text[..id.Format(text)]);
    }

    /// <summary>An entry as Redis replies it: [id, [field, value, ...]].</summary>
    internal static void WriteEntry(ReplyBuffer reply, in StreamEntry entry)
    {
        reply.WriteArrayHeader(2);
        WriteId(reply, entry.Id);
        reply.WriteArrayHeader(entry.FieldCount * 2);
        var fields = entry.Fields();
        while (fields.Next(out var field, out var value))
        {
            reply.WriteBulk(field);
            reply.WriteBulk(value);
        }
    }

    /// <summary>Writes the entries of a range as an array (count 0 = all). Two passes: count, then write.</summary>
    internal static void WriteRange(ReplyBuffer reply, StreamValue stream, StreamId start, StreamId end, long count, bool reverse)
    {
        var limit = count <= 0 ? long.MaxValue : count;
        var counter = stream.Range(start, end, reverse);
        var total = 0;
        while (total < limit && counter.MoveNext()) total++;
        reply.WriteArrayHeader(total);
        var range = stream.Range(start, end, reverse);
        for (var i = 0; i < total && range.MoveNext(); i++) WriteEntry(reply, range.Current);
    }

    /// <summary>Looks a stream up for reading; false after replying WRONGTYPE; null when missing.</summary>
    internal static bool TryLookupRead(Client client, ReadOnlySpan<byte> key, out StreamValue? stream)
    {
        stream = null;
        ref var entry = ref client.LookupRead(key);
        if (Unsafe.IsNullRef(ref entry)) return true;
        stream = entry.Item as StreamValue;
        if (stream is not null) return true;
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    /// <summary>Looks a stream up to change it (copied first if a snapshot may read it); false after WRONGTYPE.</summary>
    internal static bool TryLookupWrite(Client client, ReadOnlySpan<byte> key, out StreamValue? stream)
    {
        stream = null;
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is not StreamValue)
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return false;
        }
        stream = client.Db.Mutable<StreamValue>(ref entry);
        return true;
    }

    /// <summary>The stream at a key already checked to hold one (or nothing).</summary>
    private static StreamValue? FindStream(Client client, ReadOnlySpan<byte> key)
    {
        ref var entry = ref client.Db.Find(key);
        return Unsafe.IsNullRef(ref entry) ? null : entry.Item as StreamValue;
    }

    /// <summary>XADD's field-value arguments as the pairs a stream stores.</summary>
    private readonly struct ArgumentPairs(CommandArguments args, int first) : IStreamFields
    {
        public int PairCount => (args.Count - first) / 2;
        public ReadOnlySpan<byte> Field(int index) => args[first + 2 * index];
        public ReadOnlySpan<byte> Value(int index) => args[first + 2 * index + 1];
    }
}
