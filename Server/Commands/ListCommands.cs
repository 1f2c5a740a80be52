using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// The list commands (Redis t_list.c) over <see cref="ListValue"/>. Argument checks, key lookups
/// and error texts come in Redis 7.0's order, since a client sees which error wins. The blocking
/// variants are in ListCommands.Blocking.cs.
/// </summary>
internal static partial class ListCommands
{
    private static readonly byte[] LPopName = "LPOP"u8.ToArray();
    private static readonly byte[] RPopName = "RPOP"u8.ToArray();
    private static readonly byte[] LMoveName = "LMOVE"u8.ToArray();
    private static readonly byte[] RPopLPushName = "RPOPLPUSH"u8.ToArray();
    private static readonly byte[] LeftName = "LEFT"u8.ToArray();
    private static readonly byte[] RightName = "RIGHT"u8.ToArray();

    public static void LPush(Client client) => PushGeneric(client, atHead: true, onlyIfExists: false);

    public static void RPush(Client client) => PushGeneric(client, atHead: false, onlyIfExists: false);

    public static void LPushX(Client client) => PushGeneric(client, atHead: true, onlyIfExists: true);

    public static void RPushX(Client client) => PushGeneric(client, atHead: false, onlyIfExists: true);

    /// <summary>Redis pushGenericCommand: LPUSH, RPUSH, LPUSHX, RPUSHX. Replies the length after the pushes.</summary>
    private static void PushGeneric(Client client, bool atHead, bool onlyIfExists)
    {
        var args = client.Args;
        var key = args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        ListValue list;
        if (Unsafe.IsNullRef(ref entry))
        {
            if (onlyIfExists)
            {
                client.Reply.WriteInteger(0);
                return;
            }
            list = new ListValue(key.ToArray());
            long bytes = 0;
            for (var i = 2; i < args.Count; i++) bytes += ListValue.EntrySize(args.Length(i));
            list.ReserveForPush(bytes, atHead);
            for (var i = 2; i < args.Count; i++) list.Push(args[i], atHead);
            client.Db.SetObject(list); // a new key wakes its blocked clients by itself
        }
        else
        {
            if (entry.Item is not ListValue)
            {
                client.Reply.WriteError(SharedReplies.WrongType);
                return;
            }
            list = client.Db.Mutable<ListValue>(ref entry);
            for (var i = 2; i < args.Count; i++) list.Push(args[i], atHead);
            client.Server.Blocking.SignalKeyReady(client.Db, key);
        }
        client.Server.Propagate(client);
        client.Reply.WriteInteger(list.Count);
    }

    public static void LPop(Client client) => PopGeneric(client, atHead: true);

    public static void RPop(Client client) => PopGeneric(client, atHead: false);

    /// <summary>
    /// Redis popGenericCommand: LPOP key [count]. Without a count: a bulk, or null; with one: an
    /// array (empty for count 0), or a null array when the key is missing.
    /// </summary>
    private static void PopGeneric(Client client, bool atHead)
    {
        var args = client.Args;
        if (args.Count > 3)
        {
            client.WriteWrongArity(client.Server.CurrentCommand!.Name);
            return;
        }
        var hasCount = args.Count == 3;
        long count = 0;
        if (hasCount && !TryGetRangeOrReply(client, 2, 0, long.MaxValue, "value is out of range, must be positive", out count)) return;
        var key = args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            if (hasCount) client.Reply.WriteNullArray();
            else client.Reply.WriteNull();
            return;
        }
        if (entry.Item is not ListValue)
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return;
        }
        if (hasCount && count == 0)
        {
            client.Reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        var list = client.Db.Mutable<ListValue>(ref entry);
        if (!hasCount)
        {
            client.Reply.WriteBulk(list.Pop(atHead));
        }
        else
        {
            var popped = Math.Min(count, list.Count);
            WriteElements(client.Reply, list, atHead ? 0 : list.Count - 1, popped, reverse: !atHead);
            if (atHead) list.RemoveHead(popped);
            else list.RemoveTail(popped);
        }
        if (list.Count == 0) client.Db.Delete(key);
        client.Server.Propagate(client);
    }

    public static void LLen(Client client)
    {
        if (!TryGetListForRead(client, 1, out var list)) return;
        client.Reply.WriteInteger(list?.Count ?? 0);
    }

    /// <summary>LRANGE key start stop: the reply is written straight from the node buffers.</summary>
    public static void LRange(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var start) || !client.TryGetInt64OrReply(3, out var end)) return;
        if (!TryGetListForRead(client, 1, out var list)) return;
        if (list is null)
        {
            client.Reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        if (!TryNormalizeRange(list.Count, ref start, ref end))
        {
            client.Reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        WriteElements(client.Reply, list, start, end - start + 1, reverse: false);
    }

    /// <summary>
    /// Redis addListRangeReply's index rules: negatives count from the end, start is clamped to 0
    /// and end to the last element; false for an empty range.
    /// </summary>
    private static bool TryNormalizeRange(long length, ref long start, ref long end)
    {
        if (start < 0) start += length;
        if (end < 0) end += length;
        if (start < 0) start = 0;
        if (start > end || start >= length) return false;
        if (end >= length) end = length - 1;
        return true;
    }

    public static void LIndex(Client client)
    {
        if (!TryGetListForRead(client, 1, out var list)) return;
        if (list is null)
        {
            client.Reply.WriteNull();
            return;
        }
        if (!client.TryGetInt64OrReply(2, out var index)) return;
        if (index < 0) index += list.Count;
        if (index < 0 || index >= list.Count) client.Reply.WriteNull();
        else client.Reply.WriteBulk(list.Get(index));
    }

    public static void LSet(Client client)
    {
        var key = client.Args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteError(SharedReplies.NoSuchKey);
            return;
        }
        if (entry.Item is not ListValue)
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return;
        }
        if (!client.TryGetInt64OrReply(2, out var index)) return;
        var list = client.Db.Mutable<ListValue>(ref entry);
        if (index < 0) index += list.Count;
        if (index < 0 || index >= list.Count)
        {
            client.Reply.WriteError(SharedReplies.OutOfRange);
            return;
        }
        list.Set(index, client.Args[3]);
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    /// <summary>LREM key count element: count &gt; 0 from the head, &lt; 0 from the tail, 0 all.</summary>
    public static void LRem(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var count)) return;
        var key = client.Args[1];
        if (!TryGetListForWrite(client, key, out var list)) return;
        if (list is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var removed = list.Remove(client.Args[3], count);
        if (removed > 0)
        {
            if (list.Count == 0) client.Db.Delete(key);
            client.Server.Propagate(client);
        }
        client.Reply.WriteInteger(removed);
    }

    public static void LTrim(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var start) || !client.TryGetInt64OrReply(3, out var end)) return;
        var key = client.Args[1];
        if (!TryGetListForWrite(client, key, out var list)) return;
        if (list is null)
        {
            client.Reply.WriteOk();
            return;
        }
        var length = list.Count;
        long headTrim, tailTrim;
        if (TryNormalizeRange(length, ref start, ref end))
        {
            headTrim = start;
            tailTrim = length - end - 1;
        }
        else
        {
            headTrim = length;
            tailTrim = 0;
        }
        list.RemoveHead(headTrim);
        list.RemoveTail(tailTrim);
        if (list.Count == 0) client.Db.Delete(key);
        if (headTrim + tailTrim > 0) client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    /// <summary>LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key.</summary>
    public static void LInsert(Client client)
    {
        bool after;
        if (client.ArgIs(2, "after"u8)) after = true;
        else if (client.ArgIs(2, "before"u8)) after = false;
        else
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        var key = client.Args[1];
        if (!TryGetListForWrite(client, key, out var list)) return;
        if (list is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        if (!list.Insert(client.Args[3], client.Args[4], after))
        {
            client.Reply.WriteInteger(-1);
            return;
        }
        client.Server.Blocking.SignalKeyReady(client.Db, key);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(list.Count);
    }

    /// <summary>LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len], Redis lposCommand step for step.</summary>
    public static void LPos(Client client)
    {
        var args = client.Args;
        long rank = 1, count = -1, maxLength = 0;
        for (var j = 3; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "rank"u8) && more > 0)
            {
                if (!client.TryGetInt64OrReply(++j, out rank)) return;
                if (rank == 0)
                {
                    client.Reply.WriteError("RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
                    return;
                }
            }
            else if (client.ArgIs(j, "count"u8) && more > 0)
            {
                if (!TryGetRangeOrReply(client, ++j, 0, long.MaxValue, "COUNT can't be negative", out count)) return;
            }
            else if (client.ArgIs(j, "maxlen"u8) && more > 0)
            {
                if (!TryGetRangeOrReply(client, ++j, 0, long.MaxValue, "MAXLEN can't be negative", out maxLength)) return;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        var fromTail = rank < 0;
        // As in Redis, -LONG_MIN stays negative: every match then counts as reaching the rank.
        if (fromTail) rank = unchecked(-rank);
        if (!TryGetListForRead(client, 1, out var list)) return;
        var reply = client.Reply;
        if (list is null)
        {
            if (count != -1) reply.WriteRaw(SharedReplies.EmptyArray);
            else reply.WriteNull();
            return;
        }
        var element = args[2];
        var length = list.Count;
        var cursor = list.CursorAt(fromTail ? length - 1 : 0, reverse: fromTail);
        long index = 0, matches = 0, found = -1;
        List<long>? positions = count != -1 ? [] : null;
        while ((maxLength == 0 || index < maxLength) && cursor.MoveNext())
        {
            if (cursor.Current.SequenceEqual(element))
            {
                matches++;
                if (matches >= rank)
                {
                    var position = fromTail ? length - index - 1 : index;
                    if (positions is null)
                    {
                        found = position;
                        break;
                    }
                    positions.Add(position);
                    if (count != 0 && matches - rank + 1 >= count) break;
                }
            }
            index++;
        }
        if (positions is not null)
        {
            reply.WriteArrayHeader(positions.Count);
            foreach (var position in positions) reply.WriteInteger(position);
        }
        else if (found != -1) reply.WriteInteger(found);
        else reply.WriteNull();
    }

    /// <summary>LMOVE source destination LEFT|RIGHT LEFT|RIGHT</summary>
    public static void LMove(Client client)
    {
        if (!TryGetWhereOrReply(client, 3, out var fromHead) || !TryGetWhereOrReply(client, 4, out var toHead)) return;
        if (MoveGeneric(client, fromHead, toHead)) client.Server.Propagate(client);
    }

    public static void RPopLPush(Client client)
    {
        if (MoveGeneric(client, fromHead: false, toHead: true)) client.Server.Propagate(client);
    }

    /// <summary>
    /// Redis lmoveGenericCommand: pops from args[1], pushes to args[2] (created if missing) and
    /// replies the element; null when the source is missing. Returns true when something moved
    /// (the caller logs it). The source and destination may be the same list (a rotation).
    /// </summary>
    private static bool MoveGeneric(Client client, bool fromHead, bool toHead)
    {
        var args = client.Args;
        var sourceKey = args[1];
        var destinationKey = args[2];
        if (!TryGetListForWrite(client, sourceKey, out var source)) return false;
        if (source is null)
        {
            client.Reply.WriteNull();
            return false;
        }
        ref var entry = ref client.Db.FindForWrite(destinationKey);
        ListValue? destination = null;
        if (!Unsafe.IsNullRef(ref entry))
        {
            if (entry.Item is not ListValue)
            {
                client.Reply.WriteError(SharedReplies.WrongType);
                return false;
            }
            destination = client.Db.Mutable<ListValue>(ref entry);
        }
        var value = source.Pop(fromHead);
        client.Reply.WriteBulk(value);
        if (destination is null)
        {
            destination = new ListValue(destinationKey.ToArray());
            destination.Push(value, toHead);
            if (source.Count == 0) client.Db.Delete(sourceKey);
            client.Db.SetObject(destination);
        }
        else
        {
            // A rotation pushes into the node the value still lives in: push a copy.
            if (ReferenceEquals(source, destination)) destination.Push(value.ToArray(), toHead);
            else destination.Push(value, toHead);
            if (source.Count == 0) client.Db.Delete(sourceKey);
            client.Server.Blocking.SignalKeyReady(client.Db, destinationKey);
        }
        return true;
    }

    /// <summary>LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]</summary>
    public static void LMPop(Client client)
    {
        if (!TryParseMPop(client, 1, out var keyCount, out var fromHead, out var count)) return;
        for (var i = 2; i < 2 + keyCount; i++)
        {
            var key = client.Args[i];
            if (!TryGetListForWrite(client, key, out var list)) return;
            if (list is null) continue;
            PopRangeWithKey(client, list, i, fromHead, count);
            return;
        }
        client.Reply.WriteNullArray();
    }

    /// <summary>
    /// Redis lmpopGenericCommand's parsing, shared by LMPOP and BLMPOP: numkeys at
    /// <paramref name="numKeysIndex"/>, then the keys, the side, and an optional COUNT.
    /// </summary>
    private static bool TryParseMPop(Client client, int numKeysIndex, out int keyCount, out bool fromHead, out long count)
    {
        keyCount = 0;
        fromHead = true;
        count = 1;
        var args = client.Args;
        if (!TryGetRangeOrReply(client, numKeysIndex, 1, long.MaxValue, "numkeys should be greater than 0", out var numKeys)) return false;
        var whereIndex = numKeysIndex + numKeys + 1;
        if (whereIndex >= args.Count)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return false;
        }
        keyCount = (int)numKeys;
        if (!TryGetWhereOrReply(client, (int)whereIndex, out fromHead)) return false;
        var countGiven = false;
        for (var j = (int)whereIndex + 1; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (!countGiven && client.ArgIs(j, "count"u8) && more > 0)
            {
                if (!TryGetRangeOrReply(client, ++j, 1, long.MaxValue, "count should be greater than 0", out count)) return false;
                countGiven = true;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Redis listPopRangeAndReplyWithKey: replies [key, [elements]] with up to
    /// <paramref name="count"/> elements popped from one end, deletes an emptied key, and logs
    /// the effect as LPOP/RPOP key n.
    /// </summary>
    private static void PopRangeWithKey(Client client, ListValue list, int keyIndex, bool fromHead, long count)
    {
        var key = client.Args[keyIndex];
        var popped = Math.Min(count, list.Count);
        var reply = client.Reply;
        reply.WriteArrayHeader(2);
        reply.WriteBulk(key);
        WriteElements(reply, list, fromHead ? 0 : list.Count - 1, popped, reverse: !fromHead);
        if (fromHead) list.RemoveHead(popped);
        else list.RemoveTail(popped);
        var keyCopy = key.ToArray();
        if (list.Count == 0) client.Db.Delete(keyCopy);
        client.Server.Watches.Touch(client.DbIndex, keyCopy);
        Span<byte> digits = stackalloc byte[20];
        var n = RedisNumbers.FormatInt64(popped, digits);
        client.Server.PropagateCommand(client, fromHead ? LPopName : RPopName, keyCopy, digits[..n].ToArray());
    }

    /// <summary>The list at an argument's key for reading (null when missing); false after a WRONGTYPE reply.</summary>
    private static bool TryGetListForRead(Client client, int index, out ListValue? list)
    {
        ref var entry = ref client.LookupRead(client.Args[index]);
        list = null;
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is ListValue found)
        {
            list = found;
            return true;
        }
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    /// <summary>The list at <paramref name="key"/>, ready to be changed (copied first if a snapshot reads it); null when missing.</summary>
    private static bool TryGetListForWrite(Client client, ReadOnlySpan<byte> key, out ListValue? list)
    {
        ref var entry = ref client.Db.FindForWrite(key);
        list = null;
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is not ListValue)
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return false;
        }
        list = client.Db.Mutable<ListValue>(ref entry);
        return true;
    }

    /// <summary>Redis getListPositionFromObjectOrReply: LEFT or RIGHT, any case.</summary>
    private static bool TryGetWhereOrReply(Client client, int index, out bool head)
    {
        head = client.ArgIs(index, "left"u8);
        if (head || client.ArgIs(index, "right"u8)) return true;
        client.Reply.WriteError(SharedReplies.SyntaxError);
        return false;
    }

    /// <summary>Redis getRangeLongFromObjectOrReply with a message: the same text for "not a number" and "out of range".</summary>
    private static bool TryGetRangeOrReply(Client client, int index, long min, long max, string message, out long value)
    {
        if (Int64Text.TryParse(client.Args[index], out value) && value >= min && value <= max) return true;
        client.Reply.WriteError(message);
        return false;
    }

    /// <summary>
    /// An array of <paramref name="count"/> elements from <paramref name="start"/>, toward the
    /// tail (or the head when <paramref name="reverse"/>), each copied from its node buffer into
    /// the reply with its bulk header: the hot loop of LRANGE. It asks the reply buffer for room
    /// once per 8 KB rather than once per element (about 4 ns per short element, against 13
    /// through ReplyBuffer.WriteBulk).
    /// </summary>
    private static void WriteElements(ReplyBuffer reply, ListValue list, long start, long count, bool reverse)
    {
        reply.WriteArrayHeader((int)count);
        var cursor = list.CursorAt(start, reverse);
        // A short range does not make the reply buffer reserve (and maybe grow by) a whole chunk.
        var span = reply.GetSpan((int)Math.Min(ChunkSize, count * 24 + 16));
        var p = 0;
        for (long i = 0; i < count && cursor.MoveNext(); i++)
        {
            var value = cursor.Current;
            var length = value.Length;
            // '$' + up to 10 digits + CRLF + value + CRLF
            if (span.Length - p < length + 15)
            {
                reply.Advance(p);
                span = reply.GetSpan(Math.Max(length + 15, ChunkSize));
                p = 0;
            }
            span[p] = (byte)'$';
            if (length < 10)
            {
                span[p + 1] = (byte)('0' + length);
                p += 2;
            }
            else if (length < 100)
            {
                span[p + 1] = (byte)('0' + length / 10);
                span[p + 2] = (byte)('0' + length % 10);
                p += 3;
            }
            else
            {
                p += 1 + RedisNumbers.FormatInt64(length, span[(p + 1)..]);
            }
            span[p] = (byte)'\r';
            span[p + 1] = (byte)'\n';
            value.CopyTo(span[(p + 2)..]);
            p += 2 + length;
            span[p] = (byte)'\r';
            span[p + 1] = (byte)'\n';
            p += 2;
        }
        reply.Advance(p);
    }

    private const int ChunkSize = 8192;
}
