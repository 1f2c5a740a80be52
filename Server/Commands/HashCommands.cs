using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// The hash commands (Redis t_hash.c). Small hashes are <see cref="PackedPairs"/>, large ones a
/// <see cref="PackedTable"/>, behind <see cref="HashValue"/>. HSET overwriting a value of the
/// same length writes the bytes in place and allocates nothing.
/// </summary>
internal static class HashCommands
{
    private static readonly byte[] HSetName = "HSET"u8.ToArray();

    /// <summary>
    /// The hash at <c>Args[index]</c> for reading: null (nothing written) when the key is
    /// missing; false after replying WRONGTYPE for another type.
    /// </summary>
    internal static bool TryReadHash(Client client, int index, out HashValue? hash)
    {
        hash = null;
        ref var entry = ref client.LookupRead(client.Args[index]);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is HashValue found)
        {
            hash = found;
            return true;
        }
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    /// <summary>
    /// The hash at <c>Args[1]</c> ready to change (copied first if a snapshot may read it), or
    /// null when missing and not <paramref name="create"/>; false after replying WRONGTYPE.
    /// Redis hashTypeLookupWriteOrCreate: a created hash is in the keyspace at once.
    /// </summary>
    private static bool TryGetWritableHash(Client client, bool create, out HashValue? hash, int expectedBytes = 0)
    {
        hash = null;
        var key = client.Args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            if (!create) return true;
            hash = new HashValue(key.ToArray(), expectedBytes);
            client.Db.SetObject(hash);
            return true;
        }
        if (entry.Item is not HashValue)
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return false;
        }
        hash = client.Db.Mutable<HashValue>(ref entry);
        return true;
    }

    /// <summary>The last field went: Redis never keeps an empty hash.</summary>
    private static void DeleteIfEmpty(Client client, HashValue hash)
    {
        if (hash.Count == 0) client.Db.Delete(client.Args[1]);
    }

    public static void HSet(Client client) => HSetGeneric(client, reportCreated: true);

    public static void HMSet(Client client) => HSetGeneric(client, reportCreated: false);

    /// <summary>HSET key f v [f v ...] replies how many fields are new; HMSET replies OK.</summary>
    private static void HSetGeneric(Client client, bool reportCreated)
    {
        var args = client.Args;
        if (args.Count % 2 == 1)
        {
            client.WriteWrongArity(client.Server.CurrentCommand!.Name);
            return;
        }
        // A new hash gets its listpack sized for these pairs (a length byte each, as most are short).
        var bytes = 0;
        for (var i = 2; i < args.Count; i++) bytes += args.Length(i) + 1;
        if (!TryGetWritableHash(client, create: true, out var hash, bytes)) return;
        for (var i = 2; i < args.Count; i++) hash!.ConvertIfTooLong(args.Length(i));
        var created = 0;
        for (var i = 2; i < args.Count; i += 2)
            if (hash!.Set(args[i], args[i + 1])) created++;
        client.Server.Propagate(client);
        if (reportCreated) client.Reply.WriteInteger(created);
        else client.Reply.WriteOk();
    }

    public static void HSetNx(Client client)
    {
        if (!TryGetWritableHash(client, create: true, out var hash)) return;
        var args = client.Args;
        if (hash!.Find(args[2]) >= 0)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        hash.ConvertIfTooLong(args.Length(2));
        hash.ConvertIfTooLong(args.Length(3));
        hash.Set(args[2], args[3]);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(1);
    }

    public static void HGet(Client client)
    {
        if (!TryReadHash(client, 1, out var hash)) return;
        if (hash is not null && hash.TryGet(client.Args[2], out var value)) client.Reply.WriteBulk(value);
        else client.Reply.WriteNull();
    }

    public static void HMGet(Client client)
    {
        if (!TryReadHash(client, 1, out var hash)) return;
        var args = client.Args;
        client.Reply.WriteArrayHeader(args.Count - 2);
        for (var i = 2; i < args.Count; i++)
        {
            if (hash is not null && hash.TryGet(args[i], out var value)) client.Reply.WriteBulk(value);
            else client.Reply.WriteNull();
        }
    }

    public static void HGetAll(Client client) => WriteAll(client, fields: true, values: true);

    public static void HKeys(Client client) => WriteAll(client, fields: true, values: false);

    public static void HVals(Client client) => WriteAll(client, fields: false, values: true);

    /// <summary>Redis genericHgetallCommand: a map for HGETALL (RESP3), flat arrays otherwise.</summary>
    private static void WriteAll(Client client, bool fields, bool values)
    {
        if (!TryReadHash(client, 1, out var hash)) return;
        var reply = client.Reply;
        var count = hash?.Count ?? 0;
        if (fields && values) reply.WriteMapHeader(count);
        else reply.WriteArrayHeader(count);
        if (hash is null) return;
        for (var p = hash.Next(-1); p >= 0; p = hash.Next(p))
        {
            if (fields) reply.WriteBulk(hash.FieldAt(p));
            if (values) reply.WriteBulk(hash.ValueAt(p));
        }
    }

    public static void HDel(Client client)
    {
        if (!TryGetWritableHash(client, create: false, out var hash)) return;
        if (hash is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var args = client.Args;
        var deleted = 0;
        for (var i = 2; i < args.Count && hash.Count > 0; i++)
            if (hash.Remove(args[i])) deleted++;
        if (deleted > 0)
        {
            DeleteIfEmpty(client, hash);
            client.Server.Propagate(client);
        }
        client.Reply.WriteInteger(deleted);
    }

    public static void HExists(Client client)
    {
        if (!TryReadHash(client, 1, out var hash)) return;
        client.Reply.WriteInteger(hash is not null && hash.Find(client.Args[2]) >= 0 ? 1 : 0);
    }

    public static void HLen(Client client)
    {
        if (TryReadHash(client, 1, out var hash)) client.Reply.WriteInteger(hash?.Count ?? 0);
    }

    public static void HStrLen(Client client)
    {
        if (!TryReadHash(client, 1, out var hash)) return;
        client.Reply.WriteInteger(hash is not null && hash.TryGet(client.Args[2], out var value) ? value.Length : 0);
    }

    public static void HIncrBy(Client client)
    {
        if (!client.TryGetInt64OrReply(3, out var increment)) return;
        if (!TryGetWritableHash(client, create: true, out var hash)) return;
        var field = client.Args[2];
        long current = 0;
        if (hash!.TryGet(field, out var text) && !Int64Text.TryParse(text, out current))
        {
            client.Reply.WriteError("hash value is not an integer");
            return;
        }
        if ((increment < 0 && current < 0 && increment < long.MinValue - current) ||
            (increment > 0 && current > 0 && increment > long.MaxValue - current))
        {
            client.Reply.WriteError("increment or decrement would overflow");
            return;
        }
        var result = current + increment;
        Span<byte> digits = stackalloc byte[20];
        hash.Set(field, digits[..RedisNumbers.FormatInt64(result, digits)]);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(result);
    }

    /// <summary>In Redis's long double arithmetic (<see cref="LongDouble"/>); logged as HSET of the result so replay is exact.</summary>
    public static void HIncrByFloat(Client client)
    {
        if (!LongDouble.TryParse(client.Args[3], out var increment))
        {
            client.Reply.WriteError(SharedReplies.NotAFloat);
            return;
        }
        if (increment.IsInfinity)
        {
            client.Reply.WriteError("value is NaN or Infinity");
            return;
        }
        if (!TryGetWritableHash(client, create: true, out var hash)) return;
        var field = client.Args[2];
        var current = default(LongDouble);
        if (hash!.TryGet(field, out var text) && !LongDouble.TryParse(text, out current))
        {
            client.Reply.WriteError("hash value is not a float");
            return;
        }
        var sum = current + increment;
        if (sum.IsInfinity)
        {
            client.Reply.WriteError("increment would produce NaN or Infinity");
            return;
        }
        var result = System.Text.Encoding.ASCII.GetBytes(sum.ToHumanString());
        hash.Set(field, result);
        client.Server.PropagateCommand(client, HSetName, hash.Key, client.Args.ToArray(2), result);
        client.Reply.WriteBulk(result);
    }

    /// <summary>HRANDFIELD key [count [WITHVALUES]]</summary>
    public static void HRandField(Client client)
    {
        var args = client.Args;
        if (args.Count == 2)
        {
            if (!TryReadHash(client, 1, out var single)) return;
            if (single is null) client.Reply.WriteNull();
            else client.Reply.WriteBulk(single.FieldAt(single.RandomPosition(Random.Shared)));
            return;
        }
        if (!SetCommands.TryGetRandomCount(client, 2, out var count)) return;
        var withValues = false;
        if (args.Count > 4 || (args.Count == 4 && !client.ArgIs(3, "withvalues"u8)))
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (args.Count == 4)
        {
            withValues = true;
            if (count < -long.MaxValue / 2 || count > long.MaxValue / 2)
            {
                client.Reply.WriteError("value is out of range");
                return;
            }
        }
        HRandFieldWithCount(client, count, withValues);
    }

    /// <summary>Redis hrandfieldWithCountCommand: negative counts may repeat fields, positive ones never do.</summary>
    private static void HRandFieldWithCount(Client client, long requested, bool withValues)
    {
        if (!TryReadHash(client, 1, out var hash)) return;
        var reply = client.Reply;
        if (hash is null || requested == 0)
        {
            reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        var unique = requested > 0;
        var count = unique ? requested : -requested;
        var size = hash.Count;
        var flat = withValues && !reply.Resp3;
        if (!unique || count == 1)
        {
            reply.WriteArrayHeader(checked((int)(flat ? count * 2 : count)));
            for (var i = 0L; i < count; i++) WriteField(reply, hash, hash.RandomPosition(Random.Shared), withValues);
            return;
        }
        var replySize = (int)Math.Min(count, size);
        reply.WriteArrayHeader(flat ? replySize * 2 : replySize);
        if (count >= size)
        {
            for (var p = hash.Next(-1); p >= 0; p = hash.Next(p)) WriteField(reply, hash, p, withValues);
            return;
        }
        foreach (var p in SetCommands.DistinctRandom(hash.Positions(), replySize)) WriteField(reply, hash, p, withValues);
    }

    private static void WriteField(ReplyBuffer reply, HashValue hash, int position, bool withValues)
    {
        if (withValues && reply.Resp3) reply.WriteArrayHeader(2);
        reply.WriteBulk(hash.FieldAt(position));
        if (withValues) reply.WriteBulk(hash.ValueAt(position));
    }

    /// <summary>HSCAN key cursor [MATCH pattern] [COUNT count]</summary>
    public static void HScan(Client client)
    {
        if (!KeyCommands.TryParseCursor(client, 2, out var cursor)) return;
        if (!TryReadHash(client, 1, out var hash)) return;
        if (hash is null)
        {
            SetCommands.WriteEmptyScan(client.Reply);
            return;
        }
        if (!SetCommands.TryParseScanOptions(client, out var count, out var pattern)) return;
        var found = new List<int>();
        var next = hash.Scan(cursor, count, found);
        var args = client.Args;
        var kept = 0;
        for (var i = 0; i < found.Count; i++)
            if (pattern < 0 || GlobPattern.IsMatch(args[pattern], hash.FieldAt(found[i]))) found[kept++] = found[i];
        var reply = client.Reply;
        Span<byte> digits = stackalloc byte[20];
        reply.WriteArrayHeader(2);
        reply.WriteBulk(FormatCursor(next, digits));
        reply.WriteArrayHeader(kept * 2);
        for (var i = 0; i < kept; i++)
        {
            reply.WriteBulk(hash.FieldAt(found[i]));
            reply.WriteBulk(hash.ValueAt(found[i]));
        }
    }

    internal static ReadOnlySpan<byte> FormatCursor(ulong cursor, Span<byte> digits)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(cursor, digits, out var n);
        return digits[..n];
    }
}
