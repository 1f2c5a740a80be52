using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The compact form of a string key: one byte array holding the key and the value together,
/// <c>[key length varint][key][value]</c>. One object per key instead of three (entry, key,
/// value) is what keeps a small key near Redis's footprint: for a 10-byte key and a 16-byte
/// value it is 56 bytes including the array header.
/// </summary>
public static class StringBlob
{
    public static byte[] Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var prefix = VarIntLength(key.Length);
        var blob = GC.AllocateUninitializedArray<byte>(prefix + key.Length + value.Length);
        WriteVarInt(blob, key.Length);
        key.CopyTo(blob.AsSpan(prefix));
        value.CopyTo(blob.AsSpan(prefix + key.Length));
        return blob;
    }

    /// <summary>A new blob with the same key and another value.</summary>
    public static byte[] WithValue(byte[] blob, ReadOnlySpan<byte> value) => Create(Key(blob), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Key(byte[] blob)
    {
        var keyLength = ReadVarInt(blob, out var prefix);
        return blob.AsSpan(prefix, keyLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Value(byte[] blob)
    {
        var keyLength = ReadVarInt(blob, out var prefix);
        return blob.AsSpan(prefix + keyLength);
    }

    /// <summary>The value's bytes, writable: only for an in-place overwrite of the same length.</summary>
    internal static Span<byte> WritableValue(byte[] blob)
    {
        var keyLength = ReadVarInt(blob, out var prefix);
        return blob.AsSpan(prefix + keyLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadVarInt(byte[] blob, out int prefix)
    {
        int first = blob[0];
        if (first < 0x80)
        {
            prefix = 1;
            return first;
        }
        var value = 0;
        var shift = 0;
        var i = 0;
        while (true)
        {
            var b = blob[i++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80) break;
            shift += 7;
        }
        prefix = i;
        return value;
    }

    private static int VarIntLength(int value)
    {
        var n = 1;
        while (value >= 0x80) { value >>= 7; n++; }
        return n;
    }

    private static void WriteVarInt(byte[] blob, int value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            blob[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        blob[i] = (byte)value;
    }
}
