using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>Commands on keys of any type (Redis db.c: DEL, EXISTS, KEYS, SCAN, RENAME, COPY, MOVE...).</summary>
internal static class KeyCommands
{
    /// <summary>DEL and UNLINK: values are freed by the GC, so "unlink" (free in the background) is the same thing.</summary>
    public static void Del(Client client)
    {
        var args = client.Args;
        var deleted = 0;
        for (var i = 1; i < args.Count; i++)
            if (client.Db.Delete(args[i])) deleted++;
        if (deleted > 0) client.Server.Propagate(client);
        client.Reply.WriteInteger(deleted);
    }

    public static void Exists(Client client)
    {
        var args = client.Args;
        var count = 0;
        for (var i = 1; i < args.Count; i++)
            if (client.Db.Exists(args[i])) count++;
        client.Reply.WriteInteger(count);
    }

    /// <summary>TOUCH: counts existing keys (we keep no access time to update).</summary>
    public static void Touch(Client client) => Exists(client);

    public static void Type(Client client)
    {
        ref var entry = ref client.Db.Find(client.Args[1]);
        client.Reply.WriteSimpleString(Unsafe.IsNullRef(ref entry) ? "none" : RedisTypeNames.Name(entry.Type));
    }

    public static void Keys(Client client)
    {
        var pattern = client.Args[1];
        var all = pattern.Length == 1 && pattern[0] == '*';
        var reply = client.Reply;
        // The count is known only at the end: collect first (KEYS is O(n) by contract anyway).
        var matches = new List<object>();
        foreach (var item in client.Db.Items())
            if (all || GlobPattern.IsMatch(pattern, Entry.KeyOf(item))) matches.Add(item);
        reply.WriteArrayHeader(matches.Count);
        foreach (var item in matches) reply.WriteKey(item);
    }

    /// <summary>SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]</summary>
    public static void Scan(Client client)
    {
        if (!TryParseCursor(client, 1, out var cursor)) return;
        var args = client.Args;
        long count = 10;
        var hasPattern = false;
        RedisType? type = null;
        for (var j = 2; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "count"u8) && more >= 1)
            {
                if (!client.TryGetInt64OrReply(j + 1, out count)) return;
                if (count < 1)
                {
                    client.Reply.WriteError(SharedReplies.SyntaxError);
                    return;
                }
                j++;
            }
            else if (client.ArgIs(j, "match"u8) && more >= 1)
            {
                hasPattern = !(args.Length(j + 1) == 1 && args[j + 1][0] == '*');
                j++;
            }
            else if (client.ArgIs(j, "type"u8) && more >= 1)
            {
                type = ParseTypeName(args[j + 1]);
                j++;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        var found = new List<object>();
        var next = client.Db.Scan(cursor, (int)Math.Min(count, int.MaxValue), found.Add);
        var reply = client.Reply;
        var patternIndex = FindOption(client, "match"u8);
        var kept = new List<object>(found.Count);
        foreach (var item in found)
        {
            var key = Entry.KeyOf(item);
            if (hasPattern && !GlobPattern.IsMatch(args[patternIndex + 1], key)) continue;
            if (type is { } wanted && TypeOf(item) != wanted) continue;
            // An expired key is not returned (and is deleted, as Redis's scan callback does).
            if (!client.Db.Exists(key)) continue;
            kept.Add(item);
        }
        reply.WriteArrayHeader(2);
        Span<byte> digits = stackalloc byte[20];
        System.Buffers.Text.Utf8Formatter.TryFormat(next, digits, out var n);
        reply.WriteBulk(digits[..n]);
        reply.WriteArrayHeader(kept.Count);
        foreach (var item in kept) reply.WriteKey(item);
    }

    private static int FindOption(Client client, ReadOnlySpan<byte> name)
    {
        var index = -1;
        for (var j = 2; j < client.Args.Count - 1; j++)
            if (client.ArgIs(j, name)) index = j++;
        return index;
    }

    private static RedisType TypeOf(object item) => item is byte[] ? RedisType.String : ((RedisObject)item).Type;

    /// <summary>SCAN TYPE names; an unknown name matches nothing, as in Redis 7.0.</summary>
    private static RedisType? ParseTypeName(ReadOnlySpan<byte> name)
    {
        foreach (var type in Enum.GetValues<RedisType>())
            if (System.Text.Ascii.EqualsIgnoreCase(name, RedisTypeNames.Name(type))) return type;
        return (RedisType)255;
    }

    /// <summary>Cursors are unsigned 64-bit; Redis parses them with strtoull, so "-1" is accepted.</summary>
    internal static bool TryParseCursor(Client client, int index, out ulong cursor)
    {
        var text = client.Args[index];
        cursor = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.Length == 0 || !System.Buffers.Text.Utf8Parser.TryParse(digits, out ulong value, out var used) || used != digits.Length)
        {
            client.Reply.WriteError("invalid cursor");
            return false;
        }
        cursor = negative ? 0 - value : value;
        return true;
    }

    public static void Rename(Client client) => RenameGeneric(client, onlyIfAbsent: false);

    public static void RenameNx(Client client) => RenameGeneric(client, onlyIfAbsent: true);

    private static void RenameGeneric(Client client, bool onlyIfAbsent)
    {
        var source = client.Args[1];
        var target = client.Args[2];
        var db = client.Db;
        ref var entry = ref db.Find(source);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteError(SharedReplies.NoSuchKey);
            return;
        }
        if (source.SequenceEqual(target))
        {
            client.Reply.WriteRaw(onlyIfAbsent ? SharedReplies.Integer(0) : SharedReplies.Ok);
            return;
        }
        if (onlyIfAbsent && db.Exists(target))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var moved = WithKey(entry.Item!, target);
        var expireAt = entry.ExpireAt;
        db.Delete(source);
        db.Delete(target);
        db.AddItem(moved, expireAt);
        client.Server.Propagate(client);
        if (onlyIfAbsent) client.Reply.WriteInteger(1);
        else client.Reply.WriteOk();
    }

    /// <summary>The same value stored under another key (a new blob, or an object clone).</summary>
    internal static object WithKey(object item, ReadOnlySpan<byte> key) => item is byte[] blob
        ? StringBlob.Create(key, StringBlob.Value(blob))
        : ((RedisObject)item).CloneWithKey(key.ToArray());

    /// <summary>COPY source destination [DB destination-db] [REPLACE]</summary>
    public static void Copy(Client client)
    {
        var args = client.Args;
        var targetDb = client.Db;
        var replace = false;
        for (var j = 3; j < args.Count; j++)
        {
            if (client.ArgIs(j, "replace"u8)) replace = true;
            else if (client.ArgIs(j, "db"u8) && j + 1 < args.Count)
            {
                if (!client.TryGetInt32OrReply(j + 1, out var index)) return;
                if (index < 0 || index >= client.Server.Databases.Length)
                {
                    client.Reply.WriteError(SharedReplies.DbIndexOutOfRange);
                    return;
                }
                targetDb = client.Server.Databases[index];
                j++;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        var source = args[1];
        var target = args[2];
        if (targetDb == client.Db && source.SequenceEqual(target))
        {
            client.Reply.WriteError("source and destination objects are the same");
            return;
        }
        ref var entry = ref client.Db.Find(source);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        if (targetDb.Exists(target))
        {
            if (!replace)
            {
                client.Reply.WriteInteger(0);
                return;
            }
            targetDb.Delete(target);
        }
        targetDb.AddItem(WithKey(entry.Item!, target), entry.ExpireAt);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(1);
    }

    public static void Move(Client client)
    {
        if (!client.TryGetInt32OrReply(2, out var index)) return;
        if (index < 0 || index >= client.Server.Databases.Length)
        {
            client.Reply.WriteError(SharedReplies.DbIndexOutOfRange);
            return;
        }
        var targetDb = client.Server.Databases[index];
        if (targetDb == client.Db)
        {
            client.Reply.WriteError("source and destination objects are the same");
            return;
        }
        var key = client.Args[1];
        ref var entry = ref client.Db.Find(key);
        if (Unsafe.IsNullRef(ref entry) || targetDb.Exists(key))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var item = entry.Item!;
        var expireAt = entry.ExpireAt;
        // The key bytes may live in the item itself: copy before deleting, then re-add the same item.
        var moved = WithKey(item, key);
        client.Db.Delete(key);
        targetDb.AddItem(moved, expireAt);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(1);
    }

    public static void SwapDb(Client client)
    {
        if (!client.TryGetInt32OrReply(1, out var first, "invalid first DB index")) return;
        if (!client.TryGetInt32OrReply(2, out var second, "invalid second DB index")) return;
        var databases = client.Server.Databases;
        if (first < 0 || first >= databases.Length || second < 0 || second >= databases.Length)
        {
            client.Reply.WriteError(SharedReplies.DbIndexOutOfRange);
            return;
        }
        client.Server.SwapDatabases(first, second);
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    public static void RandomKey(Client client)
    {
        ref var entry = ref client.Db.RandomEntry(Random.Shared);
        if (Unsafe.IsNullRef(ref entry)) client.Reply.WriteNull();
        else client.Reply.WriteBulk(entry.Key);
    }

    public static void DbSize(Client client) => client.Reply.WriteInteger(client.Db.Count);

    public static void FlushDb(Client client)
    {
        if (!CheckFlushMode(client)) return;
        client.Db.Clear();
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    public static void FlushAll(Client client)
    {
        if (!CheckFlushMode(client)) return;
        foreach (var db in client.Server.Databases) db.Clear();
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    /// <summary>FLUSHDB/FLUSHALL [ASYNC|SYNC]: both free at once here (the GC frees memory off the loop).</summary>
    private static bool CheckFlushMode(Client client)
    {
        if (client.Args.Count == 1 || (client.Args.Count == 2 && (client.ArgIs(1, "async"u8) || client.ArgIs(1, "sync"u8)))) return true;
        client.Reply.WriteError(SharedReplies.SyntaxError);
        return false;
    }

    /// <summary>OBJECT ENCODING key: the encoding Redis would report for this value.</summary>
    public static void ObjectEncoding(Client client)
    {
        ref var entry = ref client.Db.Find(client.Args[2]);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteNull();
            return;
        }
        client.Reply.WriteBulk(EncodingOf(entry.Item!));
    }

    /// <summary>OBJECT REFCOUNT key: values are never shared between keys here, so 1.</summary>
    public static void ObjectRefCount(Client client)
    {
        ref var entry = ref client.Db.Find(client.Args[2]);
        if (Unsafe.IsNullRef(ref entry)) client.Reply.WriteNull();
        else client.Reply.WriteInteger(1);
    }

    public static void ObjectHelp(Client client) => client.WriteHelp("OBJECT",
        "ENCODING <key>", "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "REFCOUNT <key>", "    Return the number of references of the value associated with the specified",
        "    <key>.");

    /// <summary>
    /// Strings: "int" when the value is a canonical 64-bit integer, "embstr" up to 44 bytes, "raw"
    /// above (Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT) or once edited in place.
    /// </summary>
    internal static string EncodingOf(object item)
    {
        if (item is RedisObject obj) return obj.Encoding;
        var value = StringBlob.Value((byte[])item);
        if (value.Length <= 20 && Int64Text.TryParse(value, out _)) return "int";
        return value.Length <= 44 ? "embstr" : "raw";
    }
}
