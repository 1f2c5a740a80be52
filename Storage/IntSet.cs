using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The small encoding of sets whose members are all integers (OBJECT ENCODING "intset"), as
/// Redis's intset.c: a sorted array of integers packed at the narrowest width that holds them
/// all (2, 4 or 8 bytes), found by binary search. The width only ever grows (a value that needs
/// more upgrades every element), as in Redis. Members come out in ascending order, which is why
/// SMEMBERS of a small integer set is sorted in Redis too.
/// </summary>
public struct IntSet
{
    private byte[] _data;
    private int _width;

    public IntSet() : this(4)
    {
    }

    /// <param name="capacity">Members about to be added (SADD's argument count), so a new set is allocated once.</param>
    /// <param name="widest">The member of largest magnitude about to be added: the set starts at its width.</param>
    public IntSet(int capacity, long widest = 0)
    {
        _width = WidthFor(widest);
        _data = new byte[Math.Clamp(capacity, 1, 1 << 20) * _width];
    }

    private IntSet(IntSet other)
    {
        _width = other._width;
        _data = other._data.AsSpan(0, Math.Max(other.Count, 1) * _width).ToArray();
        Count = other.Count;
    }

    public int Count { readonly get; private set; }

    /// <summary>Bytes per element: 2, 4 or 8 (Redis INTSET_ENC_INT16/32/64).</summary>
    public readonly int Width => _width;

    public readonly IntSet Clone() => new(this);

    public readonly long this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Read(_data, _width, index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Read(byte[] data, int width, int index) => width switch
    {
        2 => Unsafe.ReadUnaligned<short>(ref data[index * 2]),
        4 => Unsafe.ReadUnaligned<int>(ref data[index * 4]),
        _ => Unsafe.ReadUnaligned<long>(ref data[index * 8]),
    };

    private static void Write(byte[] data, int width, int index, long value)
    {
        switch (width)
        {
            case 2: Unsafe.WriteUnaligned(ref data[index * 2], (short)value); break;
            case 4: Unsafe.WriteUnaligned(ref data[index * 4], (int)value); break;
            default: Unsafe.WriteUnaligned(ref data[index * 8], value); break;
        }
    }

    /// <summary>The bytes an intset needs per element to hold <paramref name="value"/>.</summary>
    public static int WidthFor(long value) =>
        value is >= short.MinValue and <= short.MaxValue ? 2 : value is >= int.MinValue and <= int.MaxValue ? 4 : 8;

    /// <summary>The index of <paramref name="value"/>, or the bitwise complement of where it would go.</summary>
    public readonly int Search(long value)
    {
        if (WidthFor(value) > _width) return value < 0 ? ~0 : ~Count;
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            var current = Read(_data, _width, mid);
            if (current < value) low = mid + 1;
            else if (current > value) high = mid - 1;
            else return mid;
        }
        return ~low;
    }

    public readonly bool Contains(long value) => Search(value) >= 0;

    /// <summary>Adds <paramref name="value"/>; false when it was already there.</summary>
    public bool Add(long value)
    {
        var needed = WidthFor(value);
        if (needed > _width)
        {
            Upgrade(needed, value);
            return true;
        }
        var index = Search(value);
        if (index >= 0) return false;
        index = ~index;
        EnsureCapacity(Count + 1);
        _data.AsSpan(index * _width, (Count - index) * _width).CopyTo(_data.AsSpan((index + 1) * _width));
        Write(_data, _width, index, value);
        Count++;
        return true;
    }

    /// <summary>A wider value is below or above every member, so it goes first or last (Redis intsetUpgradeAndAdd).</summary>
    private void Upgrade(int width, long value)
    {
        // Keep the room already reserved (a presized SADD), in elements.
        var data = new byte[Math.Max(_data.Length / _width, Count + 1 + Count / 4) * width];
        var prepend = value < 0 ? 1 : 0;
        for (var i = 0; i < Count; i++) Write(data, width, i + prepend, Read(_data, _width, i));
        Write(data, width, prepend == 1 ? 0 : Count, value);
        _data = data;
        _width = width;
        Count++;
    }

    public bool Remove(long value)
    {
        var index = Search(value);
        if (index < 0) return false;
        RemoveAt(index);
        return true;
    }

    public void RemoveAt(int index)
    {
        _data.AsSpan((index + 1) * _width, (Count - index - 1) * _width).CopyTo(_data.AsSpan(index * _width));
        Count--;
        if (_data.Length > 256 && Count * _width < _data.Length / 4)
            _data = _data.AsSpan(0, Math.Max(Count * 2, 4) * _width).ToArray();
    }

    private void EnsureCapacity(int count)
    {
        if (count * _width <= _data.Length) return;
        // A quarter more: Redis reallocates an intset on every insert; this keeps the slack close to jemalloc's size classes.
        Array.Resize(ref _data, Math.Max(count, Count + Math.Max(4, Count / 4)) * _width);
    }

    public readonly long AllocatedBytes => _data.Length;

    /// <summary>
    /// Redis string2ll, the test for "can this member live in an intset": an optional '-', no
    /// '+', no leading zeros, no spaces, within 64 bits ("-0" and "007" stay strings).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long value) => Int64Text.TryParse(text, out value);

    /// <summary>The decimal digits of <paramref name="value"/> into <paramref name="destination"/> (20 bytes suffice).</summary>
    public static ReadOnlySpan<byte> Format(long value, Span<byte> destination)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(value, destination, out var written);
        return destination[..written];
    }
}
