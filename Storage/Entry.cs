using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// One key in a segment: 24 bytes. <see cref="Item"/> is either a <c>byte[]</c> string blob
/// (key and value in one array, <see cref="StringBlob"/>) or a <see cref="RedisObject"/> that
/// carries its key; <see cref="ExpireAt"/> is the absolute expiry in Unix ms, 0 for none.
/// </summary>
public struct Entry
{
    public object? Item;
    public long ExpireAt;
    public int Hash;
    /// <summary>Index + 1 of the next entry in the same bucket chain (or free list); 0 ends it.</summary>
    public int Next;

    public readonly ReadOnlySpan<byte> Key
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => KeyOf(Item!);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> KeyOf(object item) =>
        item is byte[] blob ? StringBlob.Key(blob) : ((RedisObject)item).Key;

    public readonly RedisType Type => Item is byte[] ? RedisType.String : ((RedisObject)Item!).Type;
}
