using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>The string commands (Redis t_string.c).</summary>
internal static class StringCommands
{
    [Flags]
    private enum SetFlags
    {
        None = 0, Nx = 1, Xx = 2, Get = 4, KeepTtl = 8, Persist = 16, Ex = 32, Px = 64, ExAt = 128, PxAt = 256,
        AnyExpire = Ex | Px | ExAt | PxAt,
    }

    private enum OptionsFor { Set, GetEx }

    public static void Get(Client client)
    {
        if (TryGetStringOrReplyNull(client, out var value)) client.Reply.WriteBulk(value);
    }

    /// <summary>SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms-ts|KEEPTTL]</summary>
    public static void Set(Client client)
    {
        if (!TryParseOptions(client, 3, OptionsFor.Set, out var flags, out var expireAt)) return;
        SetGeneric(client, flags, expireAt, SharedReplies.Ok);
    }

    public static void SetNx(Client client) => SetGeneric(client, SetFlags.Nx, 0, SharedReplies.Integer(1), SharedReplies.Integer(0));

    /// <summary>SETEX key seconds value / PSETEX key milliseconds value.</summary>
    public static void SetEx(Client client) => SetWithRelativeExpire(client, 1000);

    public static void PSetEx(Client client) => SetWithRelativeExpire(client, 1);

    private static void SetWithRelativeExpire(Client client, long unit)
    {
        if (!TryGetExpireAt(client, 2, unit, relative: true, out var expireAt)) return;
        SetGeneric(client, SetFlags.None, expireAt, SharedReplies.Ok, valueIndex: 3);
    }

    /// <summary>Redis setGenericCommand: one implementation for SET, SETNX, SETEX, PSETEX and GETSET.</summary>
    private static void SetGeneric(Client client, SetFlags flags, long expireAt, ReadOnlySpan<byte> okReply,
        ReadOnlySpan<byte> abortReply = default, int valueIndex = 2)
    {
        var key = client.Args[1];
        var db = client.Db;
        ref var entry = ref db.Find(key);
        var found = !Unsafe.IsNullRef(ref entry);
        if ((flags & SetFlags.Get) != 0)
        {
            if (!found) client.Reply.WriteNull();
            else if (client.TryGetStringOrReply(entry.Item!, out var old)) client.Reply.WriteBulk(old);
            else return;
        }
        if (((flags & SetFlags.Nx) != 0 && found) || ((flags & SetFlags.Xx) != 0 && !found))
        {
            if ((flags & SetFlags.Get) == 0)
            {
                if (abortReply.IsEmpty) client.Reply.WriteNull();
                else client.Reply.WriteRaw(abortReply);
            }
            return;
        }
        var value = client.Args[valueIndex];
        db.SetString(key, value, expireAt, keepTtl: (flags & SetFlags.KeepTtl) != 0);
        // Log the effect, not the request: a relative expiry becomes absolute (Redis 7 does the same).
        if (expireAt != 0) client.Server.PropagateCommand(client, "SET"u8.ToArray(), key.ToArray(), value.ToArray(), "PXAT"u8.ToArray(), Digits(expireAt));
        else client.Server.Propagate(client);
        if ((flags & SetFlags.Get) == 0) client.Reply.WriteRaw(okReply);
    }

    /// <summary>Redis parseExtendedStringArgumentsOrReply: SET's and GETEX's options, with their exclusions.</summary>
    private static bool TryParseOptions(Client client, int first, OptionsFor command, out SetFlags flags, out long expireAt)
    {
        flags = SetFlags.None;
        expireAt = 0;
        var args = client.Args;
        var expireIndex = -1;
        var unit = 1L;
        for (var j = first; j < args.Count; j++)
        {
            var hasNext = j + 1 < args.Count;
            if (client.ArgIs(j, "nx"u8) && (flags & SetFlags.Xx) == 0 && command == OptionsFor.Set) flags |= SetFlags.Nx;
            else if (client.ArgIs(j, "xx"u8) && (flags & SetFlags.Nx) == 0 && command == OptionsFor.Set) flags |= SetFlags.Xx;
            else if (client.ArgIs(j, "get"u8) && command == OptionsFor.Set) flags |= SetFlags.Get;
            else if (client.ArgIs(j, "keepttl"u8) && (flags & (SetFlags.Persist | SetFlags.AnyExpire)) == 0 && command == OptionsFor.Set) flags |= SetFlags.KeepTtl;
            else if (client.ArgIs(j, "persist"u8) && (flags & (SetFlags.KeepTtl | SetFlags.AnyExpire)) == 0 && command == OptionsFor.GetEx) flags |= SetFlags.Persist;
            else if (hasNext && TryExpireOption(client, j, flags, out var option, out var optionUnit))
            {
                flags |= option;
                unit = optionUnit;
                expireIndex = ++j;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return false;
            }
        }
        if (expireIndex < 0 || command == OptionsFor.GetEx) return true;
        return TryGetExpireAt(client, expireIndex, unit, (flags & (SetFlags.Ex | SetFlags.Px)) != 0, out expireAt);
    }

    private static bool TryExpireOption(Client client, int j, SetFlags flags, out SetFlags option, out long unit)
    {
        (option, unit) = client.ArgIs(j, "ex"u8) ? (SetFlags.Ex, 1000L)
            : client.ArgIs(j, "px"u8) ? (SetFlags.Px, 1L)
            : client.ArgIs(j, "exat"u8) ? (SetFlags.ExAt, 1000L)
            : client.ArgIs(j, "pxat"u8) ? (SetFlags.PxAt, 1L)
            : (SetFlags.None, 0L);
        if (option == SetFlags.None) return false;
        // The same option may repeat (the last value wins); a different expiry option may not.
        return (flags & (SetFlags.KeepTtl | SetFlags.Persist | (SetFlags.AnyExpire & ~option))) == 0;
    }

    /// <summary>Redis getExpireMillisecondsOrReply: positive, no overflow, relative turned absolute.</summary>
    internal static bool TryGetExpireAt(Client client, int index, long unit, bool relative, out long expireAt)
    {
        expireAt = 0;
        if (!client.TryGetInt64OrReply(index, out var value)) return false;
        if (value <= 0 || (unit == 1000 && value > long.MaxValue / 1000))
        {
            WriteInvalidExpireTime(client);
            return false;
        }
        value *= unit;
        if (relative)
        {
            var now = client.Server.Clock.UnixTimeMilliseconds();
            if (value > long.MaxValue - now)
            {
                WriteInvalidExpireTime(client);
                return false;
            }
            value += now;
        }
        expireAt = value;
        return true;
    }

    internal static void WriteInvalidExpireTime(Client client) =>
        client.Reply.WriteError($"invalid expire time in '{client.Server.CurrentCommand!.FullName}' command");

    public static void GetSet(Client client) => SetGeneric(client, SetFlags.Get, 0, SharedReplies.Ok);

    /// <summary>The string at args[1]; false after replying nil (missing) or WRONGTYPE.</summary>
    private static bool TryGetStringOrReplyNull(Client client, out ReadOnlySpan<byte> value)
    {
        value = default;
        ref var entry = ref client.LookupRead(client.Args[1]);
        if (!Unsafe.IsNullRef(ref entry)) return client.TryGetStringOrReply(entry.Item!, out value);
        client.Reply.WriteNull();
        return false;
    }

    public static void GetDel(Client client)
    {
        var key = client.Args[1];
        if (!TryGetStringOrReplyNull(client, out var value)) return;
        client.Reply.WriteBulk(value);
        client.Server.PropagateCommand(client, "DEL"u8.ToArray(), key.ToArray());
        client.Db.Delete(key);
    }

    internal static byte[] Digits(long value) => System.Text.Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>GETEX key [EX s|PX ms|EXAT ts|PXAT ms-ts|PERSIST]</summary>
    public static void GetEx(Client client)
    {
        if (!TryParseOptions(client, 2, OptionsFor.GetEx, out var flags, out _)) return;
        var key = client.Args[1];
        if (!TryGetStringOrReplyNull(client, out var value)) return;
        long expireAt = 0;
        if ((flags & SetFlags.AnyExpire) != 0)
        {
            var unit = (flags & (SetFlags.Ex | SetFlags.ExAt)) != 0 ? 1000 : 1;
            if (!TryGetExpireAt(client, client.Args.Count - 1, unit, (flags & (SetFlags.Ex | SetFlags.Px)) != 0, out expireAt)) return;
        }
        client.Reply.WriteBulk(value);
        if ((flags & SetFlags.Persist) != 0)
        {
            ref var writable = ref client.Db.FindForWrite(key);
            if (writable.ExpireAt != 0)
            {
                client.Db.SetExpire(ref writable, 0);
                client.Server.PropagateCommand(client, "PERSIST"u8.ToArray(), key.ToArray());
            }
        }
        else if (expireAt != 0)
        {
            if (expireAt <= client.Server.Clock.UnixTimeMilliseconds())
            {
                client.Server.PropagateCommand(client, "DEL"u8.ToArray(), key.ToArray());
                client.Db.Delete(key);
            }
            else
            {
                client.Db.SetExpire(ref client.Db.FindForWrite(key), expireAt);
                client.Server.PropagateCommand(client, "PEXPIREAT"u8.ToArray(), key.ToArray(), Digits(expireAt));
            }
        }
    }

    public static void MGet(Client client)
    {
        var args = client.Args;
        client.Reply.WriteArrayHeader(args.Count - 1);
        for (var i = 1; i < args.Count; i++)
        {
            ref var entry = ref client.LookupRead(args[i]);
            if (!Unsafe.IsNullRef(ref entry) && entry.Item is byte[] blob) client.Reply.WriteBulk(StringBlob.Value(blob));
            else if (!Unsafe.IsNullRef(ref entry) && entry.Item is MutableString mutable) client.Reply.WriteBulk(mutable.Value);
            else client.Reply.WriteNull();
        }
    }

    public static void MSet(Client client)
    {
        if (!CheckPairs(client)) return;
        var args = client.Args;
        for (var i = 1; i < args.Count; i += 2) client.Db.SetString(args[i], args[i + 1]);
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    public static void MSetNx(Client client)
    {
        if (!CheckPairs(client)) return;
        var args = client.Args;
        for (var i = 1; i < args.Count; i += 2)
        {
            if (client.Db.Exists(args[i]))
            {
                client.Reply.WriteInteger(0);
                return;
            }
        }
        for (var i = 1; i < args.Count; i += 2) client.Db.SetString(args[i], args[i + 1]);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(1);
    }

    private static bool CheckPairs(Client client)
    {
        if (client.Args.Count % 2 == 1) return true;
        client.WriteWrongArity(client.Server.CurrentCommand!.Name);
        return false;
    }

    public static void Append(Client client)
    {
        var key = client.Args[1];
        var tail = client.Args[2];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Db.SetString(key, tail);
            client.Server.Propagate(client);
            client.Reply.WriteInteger(tail.Length);
            return;
        }
        if (!client.TryGetStringOrReply(entry.Item!, out var current)) return;
        if (!CheckStringLength(client, (long)current.Length + tail.Length)) return;
        var mutable = MakeMutable(client, ref entry, current);
        mutable.Append(tail);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(mutable.Length);
    }

    /// <summary>The entry's string as a <see cref="MutableString"/> that this command may change in place.</summary>
    private static MutableString MakeMutable(Client client, ref Entry entry, ReadOnlySpan<byte> current)
    {
        // While a snapshot runs its reader may hold the old object: replace, never edit, a shared one.
        if (entry.Item is MutableString existing && !client.Db.SnapshotRunning) return existing;
        var mutable = new MutableString(Entry.KeyOf(entry.Item!).ToArray(), current);
        entry.Item = mutable;
        return mutable;
    }

    private static bool CheckStringLength(Client client, long length)
    {
        if (length <= client.Server.Config.ProtoMaxBulkLen) return true;
        client.Reply.WriteError("string exceeds maximum allowed size (proto-max-bulk-len)");
        return false;
    }

    public static void StrLen(Client client)
    {
        ref var entry = ref client.LookupRead(client.Args[1]);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        if (client.TryGetStringOrReply(entry.Item!, out var value)) client.Reply.WriteInteger(value.Length);
    }

    public static void Incr(Client client) => IncrementBy(client, 1);

    public static void Decr(Client client) => IncrementBy(client, -1);

    public static void IncrBy(Client client)
    {
        if (client.TryGetInt64OrReply(2, out var delta)) IncrementBy(client, delta);
    }

    public static void DecrBy(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var delta)) return;
        if (delta == long.MinValue)
        {
            client.Reply.WriteError("decrement would overflow");
            return;
        }
        IncrementBy(client, -delta);
    }

    /// <summary>Redis incrDecrCommand. The new digits overwrite the blob in place when their length is unchanged.</summary>
    private static void IncrementBy(Client client, long delta)
    {
        var key = client.Args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        long current = 0;
        if (!Unsafe.IsNullRef(ref entry))
        {
            if (!client.TryGetStringOrReply(entry.Item!, out var text)) return;
            if (!Int64Text.TryParse(text, out current))
            {
                client.Reply.WriteError(SharedReplies.NotAnInteger);
                return;
            }
        }
        if ((delta < 0 && current < 0 && delta < long.MinValue - current) ||
            (delta > 0 && current > 0 && delta > long.MaxValue - current))
        {
            client.Reply.WriteError(SharedReplies.IncrOverflow);
            return;
        }
        var result = current + delta;
        Span<byte> digits = stackalloc byte[20];
        var length = RedisNumbers.FormatInt64(result, digits);
        client.Db.SetString(key, digits[..length], keepTtl: true);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(result);
    }

    /// <summary>INCRBYFLOAT in Redis's long double arithmetic; logged as a SET of the result so replay is exact.</summary>
    public static void IncrByFloat(Client client)
    {
        var key = client.Args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        var current = default(LongDouble);
        if (!Unsafe.IsNullRef(ref entry))
        {
            if (!client.TryGetStringOrReply(entry.Item!, out var text)) return;
            if (!LongDouble.TryParse(text, out current))
            {
                client.Reply.WriteError(SharedReplies.NotAFloat);
                return;
            }
        }
        if (!LongDouble.TryParse(client.Args[2], out var increment))
        {
            client.Reply.WriteError(SharedReplies.NotAFloat);
            return;
        }
        var sum = current + increment;
        if (sum.IsInfinity)
        {
            client.Reply.WriteError("increment would produce NaN or Infinity");
            return;
        }
        var result = System.Text.Encoding.ASCII.GetBytes(sum.ToHumanString());
        client.Db.SetString(key, result, keepTtl: true);
        client.Server.PropagateSet(client, key, result);
        client.Reply.WriteBulk(result);
    }

    public static void GetRange(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var start) || !client.TryGetInt64OrReply(3, out var end)) return;
        ref var entry = ref client.LookupRead(client.Args[1]);
        ReadOnlySpan<byte> value = default;
        if (!Unsafe.IsNullRef(ref entry) && !client.TryGetStringOrReply(entry.Item!, out value)) return;
        var length = value.Length;
        if (start < 0 && end < 0 && start > end)
        {
            client.Reply.WriteRaw(SharedReplies.EmptyBulk);
            return;
        }
        if (start < 0) start += length;
        if (end < 0) end += length;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= length) end = length - 1;
        if (start > end || length == 0)
        {
            client.Reply.WriteRaw(SharedReplies.EmptyBulk);
            return;
        }
        client.Reply.WriteBulk(value.Slice((int)start, (int)(end - start + 1)));
    }

    public static void SetRange(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var offset)) return;
        if (offset < 0)
        {
            client.Reply.WriteError("offset is out of range");
            return;
        }
        var key = client.Args[1];
        var patch = client.Args[3];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            if (patch.Length == 0)
            {
                client.Reply.WriteInteger(0);
                return;
            }
            if (!CheckStringLength(client, offset + patch.Length)) return;
            var created = new MutableString(key.ToArray(), []);
            created.Overwrite((int)offset, patch);
            client.Db.SetObject(created);
            client.Server.Propagate(client);
            client.Reply.WriteInteger(created.Length);
            return;
        }
        if (!client.TryGetStringOrReply(entry.Item!, out var current)) return;
        if (patch.Length == 0)
        {
            client.Reply.WriteInteger(current.Length);
            return;
        }
        if (!CheckStringLength(client, offset + patch.Length)) return;
        var mutable = MakeMutable(client, ref entry, current);
        mutable.Overwrite((int)offset, patch);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(mutable.Length);
    }

    /// <summary>LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: Redis's dynamic-programming table and walk.</summary>
    public static void Lcs(Client client)
    {
        // Redis checks the keys before the options.
        if (!TryGetLcsInput(client, 1, out var a) || !TryGetLcsInput(client, 2, out var b)) return;
        var args = client.Args;
        bool getLength = false, getIndexes = false, withMatchLength = false;
        long minMatchLength = 0;
        for (var j = 3; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "idx"u8)) getIndexes = true;
            else if (client.ArgIs(j, "len"u8)) getLength = true;
            else if (client.ArgIs(j, "withmatchlen"u8)) withMatchLength = true;
            else if (client.ArgIs(j, "minmatchlen"u8) && more > 0)
            {
                if (!client.TryGetInt64OrReply(++j, out minMatchLength)) return;
                if (minMatchLength < 0) minMatchLength = 0;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        if (getIndexes && getLength)
        {
            client.Reply.WriteError("If you want both the length and indexes, please just use IDX.");
            return;
        }
        var alen = a.Length;
        var blen = b.Length;
        var cells = (long)(alen + 1) * (blen + 1);
        if (cells * sizeof(uint) > client.Server.Config.ProtoMaxBulkLen)
        {
            client.Reply.WriteError("Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
            return;
        }
        var table = new uint[cells];
        var width = blen + 1;
        for (var i = 1; i <= alen; i++)
            for (var j = 1; j <= blen; j++)
                table[i * width + j] = a[i - 1] == b[j - 1]
                    ? table[(i - 1) * width + j - 1] + 1
                    : Math.Max(table[(i - 1) * width + j], table[i * width + j - 1]);

        var lcsLength = (int)table[alen * width + blen];
        if (getLength && !getIndexes)
        {
            client.Reply.WriteInteger(lcsLength);
            return;
        }
        var result = new byte[lcsLength];
        var matches = new List<(int AStart, int AEnd, int BStart, int BEnd)>();
        int idx = lcsLength, x = alen, y = blen;
        int aStart = alen, aEnd = 0, bStart = 0, bEnd = 0; // aStart == alen: no range open
        while (x > 0 && y > 0)
        {
            var emit = false;
            if (a[x - 1] == b[y - 1])
            {
                result[idx - 1] = a[x - 1];
                if (aStart == alen)
                {
                    aStart = aEnd = x - 1;
                    bStart = bEnd = y - 1;
                }
                else if (aStart == x && bStart == y)
                {
                    aStart--;
                    bStart--;
                }
                else emit = true;
                if (aStart == 0 || bStart == 0) emit = true;
                idx--; x--; y--;
            }
            else
            {
                if (table[(x - 1) * width + y] > table[x * width + y - 1]) x--;
                else y--;
                if (aStart != alen) emit = true;
            }
            if (emit)
            {
                var matchLength = aEnd - aStart + 1;
                if (minMatchLength == 0 || matchLength >= minMatchLength) matches.Add((aStart, aEnd, bStart, bEnd));
                aStart = alen;
            }
        }
        if (!getIndexes)
        {
            client.Reply.WriteBulk(result);
            return;
        }
        var reply = client.Reply;
        reply.WriteMapHeader(2);
        reply.WriteBulk("matches"u8);
        reply.WriteArrayHeader(matches.Count);
        foreach (var (s1, e1, s2, e2) in matches)
        {
            reply.WriteArrayHeader(withMatchLength ? 3 : 2);
            reply.WriteArrayHeader(2);
            reply.WriteInteger(s1);
            reply.WriteInteger(e1);
            reply.WriteArrayHeader(2);
            reply.WriteInteger(s2);
            reply.WriteInteger(e2);
            if (withMatchLength) reply.WriteInteger(e1 - s1 + 1);
        }
        reply.WriteBulk("len"u8);
        reply.WriteInteger(lcsLength);
    }

    private static bool TryGetLcsInput(Client client, int index, out byte[] value)
    {
        value = [];
        ref var entry = ref client.LookupRead(client.Args[index]);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is byte[] blob) value = StringBlob.Value(blob).ToArray();
        else if (entry.Item is MutableString mutable) value = mutable.Value.ToArray();
        else
        {
            client.Reply.WriteError("The specified keys must contain string values");
            return false;
        }
        return true;
    }
}
