using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EventLoopKv.Storage;

/// <summary>
/// Redis's HyperLogLog, byte for byte (hyperloglog.c), so a value built here is the string
/// redis-server builds for the same PFADDs and either server reads the other's.
/// <code>
/// +------+---+-----+----------+-----------//
/// | HYLL | E | N/U | Cardin.  | registers
/// +------+---+-----+----------+-----------//
///   4     1    3      8 (LE)
/// </code>
/// E is 0 (dense) or 1 (sparse); the cached cardinality's top bit set means "stale".
/// Dense: 16384 six-bit registers packed from the least significant bit of each byte up
/// (12288 bytes). Sparse: run-length opcodes over the registers: ZERO <c>00xxxxxx</c> (1..64 zero
/// registers), XZERO <c>01xxxxxx yyyyyyyy</c> (1..16384 zero registers) and VAL <c>1vvvvvxx</c>
/// (1..4 registers of value 1..32). A sparse value turns dense when a register needs more than
/// 32 or an edit would make it longer than hll-sparse-max-bytes (3000 by default).
/// An element's register is the low 14 bits of MurmurHash64A(element, seed 0xadc83b19) and its
/// value the position of the first 1 bit among the other 50 (51 when all are zero).
/// </summary>
public static class HyperLogLog
{
    public const int Precision = 14;
    public const int Registers = 1 << Precision;
    public const int HeaderSize = 16;
    public const int DenseSize = HeaderSize + (Registers * 6 + 7) / 8;
    public const byte DenseEncoding = 0;
    public const byte SparseEncoding = 1;
    /// <summary>Redis hll-sparse-max-bytes' default.</summary>
    public const long DefaultSparseMaxBytes = 3000;

    private const int Q = 64 - Precision;
    private const int SparseValMaxValue = 32;
    private const int SparseValMaxLength = 4;
    private const int SparseZeroMaxLength = 64;
    private const int SparseXZeroMaxLength = 16384;
    private const ulong Seed = 0xadc83b19UL;
    private const double AlphaInf = 0.721347520444481703680; // 0.5 / ln 2

    /// <summary>A new, empty HyperLogLog: sparse, a single XZERO:16384 (18 bytes), as Redis creates it.</summary>
    public static byte[] CreateEmpty()
    {
        var value = new byte[HeaderSize + 2];
        "HYLL"u8.CopyTo(value);
        value[4] = SparseEncoding;
        WriteXZero(value.AsSpan(HeaderSize), Registers);
        return value;
    }

    /// <summary>Redis isHLLObjectOrReply's checks on a string: header, magic, known encoding, exact dense size.</summary>
    public static bool IsValid(ReadOnlySpan<byte> value) =>
        value.Length >= HeaderSize && value.StartsWith("HYLL"u8) && value[4] <= SparseEncoding &&
        (value[4] != DenseEncoding || value.Length == DenseSize);

    public static bool IsDense(ReadOnlySpan<byte> value) => value[4] == DenseEncoding;

    /// <summary>MurmurHash2, 64-bit version (MurmurHash64A), reading 8-byte blocks little endian as Redis does.</summary>
    public static ulong MurmurHash64A(ReadOnlySpan<byte> key, ulong seed)
    {
        unchecked
        {
            const ulong m = 0xc6a4a7935bd1e995UL;
            const int r = 47;
            var h = seed ^ ((ulong)key.Length * m);
            var blocks = key.Length & ~7;
            for (var i = 0; i < blocks; i += 8)
            {
                var k = BinaryPrimitives.ReadUInt64LittleEndian(key[i..]);
                k *= m;
                k ^= k >> r;
                k *= m;
                h ^= k;
                h *= m;
            }
            var tail = key[blocks..];
            if (tail.Length > 0)
            {
                for (var i = tail.Length - 1; i >= 0; i--) h ^= (ulong)tail[i] << (8 * i);
                h *= m;
            }
            h ^= h >> r;
            h *= m;
            h ^= h >> r;
            return h;
        }
    }

    /// <summary>Redis hllPatLen: the register an element falls in and the length of its "000..1" pattern (1..51).</summary>
    public static int PatternLength(ReadOnlySpan<byte> element, out int register)
    {
        var hash = MurmurHash64A(element, Seed);
        register = (int)(hash & (Registers - 1));
        hash >>= Precision;
        hash |= 1UL << Q; // the loop in Redis stops here at the latest: count <= Q + 1
        return BitOperations.TrailingZeroCount(hash) + 1;
    }

    // ------------------------------------------------------------------ cached cardinality

    /// <summary>The cached cardinality, when it is not stale.</summary>
    public static bool TryGetCachedCardinality(ReadOnlySpan<byte> value, out long cardinality)
    {
        cardinality = (long)BinaryPrimitives.ReadUInt64LittleEndian(value[8..]);
        return (value[15] & 0x80) == 0;
    }

    public static void SetCachedCardinality(Span<byte> value, ulong cardinality) =>
        BinaryPrimitives.WriteUInt64LittleEndian(value[8..], cardinality);

    /// <summary>Marks the cache stale: only the top bit changes, the old digits stay (as in Redis, and so in GET's bytes).</summary>
    public static void InvalidateCache(Span<byte> value) => value[15] |= 0x80;

    // ------------------------------------------------------------------ dense registers

    public static int GetDenseRegister(ReadOnlySpan<byte> registers, int index)
    {
        var bit = index * 6;
        var b = bit >> 3;
        var shift = bit & 7;
        var value = registers[b] >> shift;
        // Only registers starting at bit 4 or 6 of a byte reach into the next one; Redis reads
        // the next byte always and relies on sds's terminating zero past the last register.
        if (shift > 2) value |= registers[b + 1] << (8 - shift);
        return value & 63;
    }

    public static void SetDenseRegister(Span<byte> registers, int index, int value)
    {
        var bit = index * 6;
        var b = bit >> 3;
        var shift = bit & 7;
        registers[b] = (byte)((registers[b] & ~(63 << shift)) | (value << shift));
        if (shift > 2) registers[b + 1] = (byte)((registers[b + 1] & ~(63 >> (8 - shift))) | (value >> (8 - shift)));
    }

    /// <summary>Unpacks the 16384 dense registers to one byte each, four registers per three bytes.</summary>
    public static void UnpackDense(ReadOnlySpan<byte> registers, Span<byte> output)
    {
        for (int i = 0, o = 0; o < Registers; i += 3, o += 4)
        {
            var word = registers[i] | (registers[i + 1] << 8) | (registers[i + 2] << 16);
            output[o] = (byte)(word & 63);
            output[o + 1] = (byte)((word >> 6) & 63);
            output[o + 2] = (byte)((word >> 12) & 63);
            output[o + 3] = (byte)((word >> 18) & 63);
        }
    }

    // ------------------------------------------------------------------ adding

    /// <summary>
    /// PFADD of one element (Redis hllAdd): 1 when a register grew, 0 when nothing changed, -1
    /// when the sparse representation is corrupt. Edits <paramref name="hll"/> in place; a dense
    /// value is never resized, so adding to it allocates nothing.
    /// </summary>
    public static int Add(MutableString hll, ReadOnlySpan<byte> element, long sparseMaxBytes)
    {
        var count = PatternLength(element, out var index);
        return Set(hll, index, count, sparseMaxBytes);
    }

    /// <summary>Raises register <paramref name="index"/> to <paramref name="count"/> if it is lower (hllDenseSet / hllSparseSet).</summary>
    public static int Set(MutableString hll, int index, int count, long sparseMaxBytes)
    {
        var value = hll.WritableValue;
        switch (value[4])
        {
            case DenseEncoding:
                var registers = value[HeaderSize..];
                if (count <= GetDenseRegister(registers, index)) return 0;
                SetDenseRegister(registers, index, count);
                return 1;
            case SparseEncoding:
                return SparseSet(hll, index, count, sparseMaxBytes);
            default:
                return -1;
        }
    }

    /// <summary>
    /// Redis hllSparseSet: finds the opcode covering the register, splits it into at most
    /// three (XZERO-VAL-XZERO, 5 bytes), merges equal neighbouring VALs, and promotes the value
    /// to dense when the register needs more than 32 or the result would exceed
    /// <paramref name="sparseMaxBytes"/>. The steps, and so the bytes, are Redis's.
    /// </summary>
    private static int SparseSet(MutableString hll, int index, int count, long sparseMaxBytes)
    {
        if (count > SparseValMaxValue) return Promote(hll, index, count);

        var s = hll.WritableValue;
        var end = s.Length;
        var p = FindOpcode(s, index, out var prev, out var first, out var span);
        if (span == 0 || p >= end) return -1;

        var opcode = s[p];
        var next = IsXZero(opcode) ? p + 2 : p + 1;
        if (next >= end) next = -1;
        bool isZero = false, isXZero = false, isVal = false;
        long runLength;
        if (IsZero(opcode)) { isZero = true; runLength = ZeroLength(opcode); }
        else if (IsXZero(opcode)) { isXZero = true; runLength = XZeroLength(opcode, At(s, p + 1)); }
        else { isVal = true; runLength = ValLength(opcode); }

        if (isVal)
        {
            var old = ValValue(opcode);
            if (old >= count) return 0;
            if (runLength == 1)
            {
                s[p] = Val(count, 1);
                return MergeAdjacentValues(hll, prev);
            }
        }
        if (isZero && runLength == 1)
        {
            s[p] = Val(count, 1);
            return MergeAdjacentValues(hll, prev);
        }

        // The general case: split the opcode around the register.
        Span<byte> sequence = stackalloc byte[5];
        var n = 0;
        var last = first + span - 1;
        if (isZero || isXZero)
        {
            if (index != first) n += WriteZeros(sequence[n..], index - first);
            sequence[n++] = Val(count, 1);
            if (index != last) n += WriteZeros(sequence[n..], last - index);
        }
        else
        {
            var current = ValValue(opcode);
            if (index != first) sequence[n++] = Val(current, (int)(index - first));
            sequence[n++] = Val(count, 1);
            if (index != last) sequence[n++] = Val(current, (int)(last - index));
        }

        var oldLength = isXZero ? 2 : 1;
        var delta = n - oldLength;
        if (delta > 0 && s.Length + delta > sparseMaxBytes) return Promote(hll, index, count);
        if (delta != 0)
        {
            var length = s.Length;
            if (delta > 0)
            {
                hll.SetLength(length + delta);
                s = hll.WritableValue;
            }
            if (next >= 0) s[next..end].CopyTo(s[(next + delta)..]);
            if (delta < 0)
            {
                hll.SetLength(length + delta);
                s = hll.WritableValue;
            }
        }
        sequence[..n].CopyTo(s[p..]);
        return MergeAdjacentValues(hll, prev);
    }

    /// <summary>
    /// Step 1 of hllSparseSet, the hot loop of a sparse PFADD: the opcode covering register
    /// <paramref name="index"/>, the one before it (-1 if none), the first register it covers and
    /// how many. Reads without bounds checks inside the value; an XZERO cut off at the end reads
    /// its second byte as 0, as Redis reads sds's terminating zero.
    /// </summary>
    private static int FindOpcode(ReadOnlySpan<byte> s, int index, out int prev, out long first, out long span)
    {
        ref var start = ref MemoryMarshal.GetReference(s);
        var end = s.Length;
        int p = HeaderSize;
        prev = -1;
        first = 0;
        span = 0;
        while (p < end)
        {
            var op = Unsafe.Add(ref start, p);
            var oplen = 1;
            if ((op & 0xC0) == 0) span = (op & 0x3F) + 1;
            else if ((op & 0x80) != 0) span = (op & 0x3) + 1;
            else
            {
                span = (((op & 0x3F) << 8) | (p + 1 < end ? Unsafe.Add(ref start, p + 1) : 0)) + 1;
                oplen = 2;
            }
            if (index <= first + span - 1) break;
            prev = p;
            p += oplen;
            first += span;
        }
        return p;
    }

    /// <summary>Step 4 of hllSparseSet: from the opcode before the edit, up to 5 opcodes, merge equal adjacent VALs that fit in one.</summary>
    private static int MergeAdjacentValues(MutableString hll, int prev)
    {
        var s = hll.WritableValue;
        var end = s.Length;
        var p = prev >= 0 ? prev : HeaderSize;
        var scan = 5;
        while (p < end && scan-- > 0)
        {
            if (IsXZero(s[p])) { p += 2; continue; }
            if (IsZero(s[p])) { p++; continue; }
            if (p + 1 < end && IsVal(s[p + 1]))
            {
                var v1 = ValValue(s[p]);
                var v2 = ValValue(s[p + 1]);
                if (v1 == v2)
                {
                    var length = ValLength(s[p]) + ValLength(s[p + 1]);
                    if (length <= SparseValMaxLength)
                    {
                        s[p + 1] = Val(v1, length);
                        s[(p + 1)..end].CopyTo(s[p..]);
                        end--;
                        hll.SetLength(end);
                        s = hll.WritableValue;
                        continue; // try to merge the merged value with the one on its right
                    }
                }
            }
            p++;
        }
        InvalidateCache(s);
        return 1;
    }

    private static int Promote(MutableString hll, int index, int count)
    {
        if (!SparseToDense(hll)) return -1;
        var registers = hll.WritableValue[HeaderSize..];
        // Redis asserts this: a promotion happens only because a register must change.
        if (count <= GetDenseRegister(registers, index)) return 0;
        SetDenseRegister(registers, index, count);
        return 1;
    }

    /// <summary>Redis hllSparseToDense: false when the sparse opcodes do not cover exactly 16384 registers.</summary>
    public static bool SparseToDense(MutableString hll)
    {
        var sparse = hll.Value;
        if (sparse[4] == DenseEncoding) return true;
        Span<byte> dense = stackalloc byte[DenseSize];
        dense.Clear();
        sparse[..HeaderSize].CopyTo(dense); // magic and cached cardinality
        dense[4] = DenseEncoding;
        var registers = dense[HeaderSize..];
        var index = 0;
        var p = HeaderSize;
        while (p < sparse.Length)
        {
            var op = sparse[p];
            if (IsZero(op))
            {
                index += ZeroLength(op);
                p++;
            }
            else if (IsXZero(op))
            {
                index += XZeroLength(op, At(sparse, p + 1));
                p += 2;
            }
            else
            {
                var run = ValLength(op);
                var value = ValValue(op);
                if (run + index > Registers) break;
                for (; run > 0; run--) SetDenseRegister(registers, index++, value);
                p++;
            }
        }
        if (index != Registers) return false;
        hll.SetLength(DenseSize);
        dense.CopyTo(hll.WritableValue);
        return true;
    }

    // ------------------------------------------------------------------ counting and merging

    /// <summary>
    /// Redis hllCount for a dense or sparse value: the improved estimator of Otmar Ertl ("New
    /// cardinality estimation algorithms for HyperLogLog sketches", arXiv:1702.01284) over the
    /// register histogram, the same floating-point steps as Redis 7.0 so the numbers agree.
    /// <paramref name="invalid"/> is set when sparse opcodes do not cover 16384 registers.
    /// </summary>
    public static ulong Count(ReadOnlySpan<byte> value, out bool invalid)
    {
        invalid = false;
        Span<int> histogram = stackalloc int[64];
        histogram.Clear();
        if (value[4] == DenseEncoding) DenseHistogram(value[HeaderSize..], histogram);
        else invalid = !SparseHistogram(value[HeaderSize..], histogram);
        return Estimate(histogram);
    }

    /// <summary>The count of 16384 one-byte registers (PFCOUNT of several keys, Redis's HLL_RAW).</summary>
    public static ulong CountRaw(ReadOnlySpan<byte> registers)
    {
        Span<int> histogram = stackalloc int[64];
        histogram.Clear();
        var words = MemoryMarshal.Cast<byte, ulong>(registers[..Registers]);
        foreach (var word in words)
        {
            if (word == 0)
            {
                histogram[0] += 8;
                continue;
            }
            for (var shift = 0; shift < 64; shift += 8) histogram[(int)((word >> shift) & 0xFF) & 63]++;
        }
        return Estimate(histogram);
    }

    private static void DenseHistogram(ReadOnlySpan<byte> registers, Span<int> histogram)
    {
        for (var i = 0; i < Registers * 6 / 8; i += 3)
        {
            var word = registers[i] | (registers[i + 1] << 8) | (registers[i + 2] << 16);
            histogram[word & 63]++;
            histogram[(word >> 6) & 63]++;
            histogram[(word >> 12) & 63]++;
            histogram[(word >> 18) & 63]++;
        }
    }

    private static bool SparseHistogram(ReadOnlySpan<byte> sparse, Span<int> histogram)
    {
        var index = 0;
        var p = 0;
        while (p < sparse.Length)
        {
            var op = sparse[p];
            if (IsZero(op))
            {
                var run = ZeroLength(op);
                index += run;
                histogram[0] += run;
                p++;
            }
            else if (IsXZero(op))
            {
                var run = XZeroLength(op, At(sparse, p + 1));
                index += run;
                histogram[0] += run;
                p += 2;
            }
            else
            {
                var run = ValLength(op);
                index += run;
                histogram[ValValue(op)] += run;
                p++;
            }
        }
        return index == Registers;
    }

    private static ulong Estimate(ReadOnlySpan<int> histogram)
    {
        const double m = Registers;
        var z = m * Tau((m - histogram[Q + 1]) / m);
        for (var j = Q; j >= 1; --j)
        {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * Sigma(histogram[0] / m);
        // llroundl: halves away from zero.
        return (ulong)Math.Round(AlphaInf * m * m / z, MidpointRounding.AwayFromZero);
    }

    private static double Sigma(double x)
    {
        if (x == 1.0) return double.PositiveInfinity;
        double zPrime, y = 1, z = x;
        do
        {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double Tau(double x)
    {
        if (x == 0.0 || x == 1.0) return 0.0;
        double zPrime, y = 1.0, z = 1 - x;
        do
        {
            x = Math.Sqrt(x);
            zPrime = z;
            y *= 0.5;
            z -= Math.Pow(1 - x, 2) * y;
        } while (zPrime != z);
        return z / 3;
    }

    /// <summary>
    /// Redis hllMerge: <c>max[i] = MAX(max[i], register i)</c> over 16384 one-byte registers;
    /// false when a sparse value is corrupt.
    /// </summary>
    public static bool MergeInto(Span<byte> max, ReadOnlySpan<byte> value)
    {
        if (value[4] == DenseEncoding)
        {
            MergeDense(max, value.Slice(HeaderSize, DenseSize - HeaderSize));
            return true;
        }
        var index = 0;
        var p = HeaderSize;
        while (p < value.Length)
        {
            var op = value[p];
            if (IsZero(op))
            {
                index += ZeroLength(op);
                p++;
            }
            else if (IsXZero(op))
            {
                index += XZeroLength(op, At(value, p + 1));
                p += 2;
            }
            else
            {
                var run = ValLength(op);
                var v = (byte)ValValue(op);
                if (run + index > Registers) break;
                for (; run > 0; run--, index++)
                    if (v > max[index]) max[index] = v;
                p++;
            }
        }
        return index == Registers;
    }

    /// <summary>
    /// The dense half of hllMerge, four registers (three bytes) per step, unpacked and raised in
    /// one pass: PFCOUNT of several keys and PFMERGE spend their time here.
    /// </summary>
    private static void MergeDense(Span<byte> max, ReadOnlySpan<byte> registers)
    {
        if (max.Length < Registers || registers.Length < Registers * 6 / 8) throw new ArgumentException("short register array");
        ref var r = ref MemoryMarshal.GetReference(registers);
        ref var m = ref MemoryMarshal.GetReference(max);
        for (nint i = 0, o = 0; o < Registers; i += 3, o += 4)
        {
            var word = Unsafe.Add(ref r, i) | (Unsafe.Add(ref r, i + 1) << 8) | (Unsafe.Add(ref r, i + 2) << 16);
            Raise(ref Unsafe.Add(ref m, o), word & 63);
            Raise(ref Unsafe.Add(ref m, o + 1), (word >> 6) & 63);
            Raise(ref Unsafe.Add(ref m, o + 2), (word >> 12) & 63);
            Raise(ref Unsafe.Add(ref m, o + 3), word >> 18);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Raise(ref byte slot, int value) => slot = (byte)Math.Max(slot, value); // no branch to mispredict

    // ------------------------------------------------------------------ PFDEBUG

    /// <summary>PFDEBUG DECODE: "Z:8436 v:1,1 z:3 ..." for a sparse value.</summary>
    public static string DecodeSparse(ReadOnlySpan<byte> value)
    {
        var text = new StringBuilder();
        var p = HeaderSize;
        while (p < value.Length)
        {
            var op = value[p];
            if (IsZero(op))
            {
                text.Append("z:").Append(ZeroLength(op)).Append(' ');
                p++;
            }
            else if (IsXZero(op))
            {
                text.Append("Z:").Append(XZeroLength(op, At(value, p + 1))).Append(' ');
                p += 2;
            }
            else
            {
                text.Append("v:").Append(ValValue(op)).Append(',').Append(ValLength(op)).Append(' ');
                p++;
            }
        }
        return text.ToString().Trim(' ');
    }

    // ------------------------------------------------------------------ sparse opcodes

    private static byte At(ReadOnlySpan<byte> s, int i) => i < s.Length ? s[i] : (byte)0;

    private static bool IsZero(byte op) => (op & 0xC0) == 0;

    private static bool IsXZero(byte op) => (op & 0xC0) == 0x40;

    private static bool IsVal(byte op) => (op & 0x80) != 0;

    private static int ZeroLength(byte op) => (op & 0x3F) + 1;

    private static int XZeroLength(byte op, byte next) => (((op & 0x3F) << 8) | next) + 1;

    private static int ValValue(byte op) => ((op >> 2) & 0x1F) + 1;

    private static int ValLength(byte op) => (op & 0x3) + 1;

    private static byte Val(int value, int length) => (byte)(((value - 1) << 2) | (length - 1) | 0x80);

    private static void WriteXZero(Span<byte> destination, long length)
    {
        var l = (int)length - 1;
        destination[0] = (byte)((l >> 8) | 0x40);
        destination[1] = (byte)(l & 0xFF);
    }

    /// <summary>A ZERO opcode for up to 64 registers, an XZERO beyond; returns the bytes written.</summary>
    private static int WriteZeros(Span<byte> destination, long length)
    {
        if (length > SparseZeroMaxLength)
        {
            WriteXZero(destination, length);
            return 2;
        }
        destination[0] = (byte)(length - 1);
        return 1;
    }
}
