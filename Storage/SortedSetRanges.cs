namespace EventLoopKv.Storage;

/// <summary>
/// A score interval as ZRANGEBYSCORE, ZCOUNT and ZREMRANGEBYSCORE take it: each end inclusive,
/// or exclusive when written with a leading "(" (Redis zrangespec).
/// </summary>
public readonly struct ScoreRange(double min, double max, bool minExclusive, bool maxExclusive)
{
    public double Min { get; } = min;
    public double Max { get; } = max;
    public bool MinExclusive { get; } = minExclusive;
    public bool MaxExclusive { get; } = maxExclusive;

    public bool AboveMin(double score) => MinExclusive ? score > Min : score >= Min;

    public bool BelowMax(double score) => MaxExclusive ? score < Max : score <= Max;

    public bool Contains(double score) => AboveMin(score) && BelowMax(score);

    /// <summary>Ranges that can hold nothing, whatever the set (zslIsInRange's first test).</summary>
    public bool IsEmpty => Min > Max || (Min == Max && (MinExclusive || MaxExclusive));
}

/// <summary>
/// A member interval as ZRANGEBYLEX, ZLEXCOUNT and ZREMRANGEBYLEX take it: "[a" inclusive,
/// "(a" exclusive, "-" below every string and "+" above every string (Redis zlexrangespec).
/// The bounds are slices of the command's arguments.
/// </summary>
public readonly ref struct LexRange
{
    private enum Bound : byte { Value, Minus, Plus }

    private readonly ReadOnlySpan<byte> _min;
    private readonly ReadOnlySpan<byte> _max;
    private readonly Bound _minKind;
    private readonly Bound _maxKind;
    private readonly bool _minExclusive;
    private readonly bool _maxExclusive;

    private LexRange(ReadOnlySpan<byte> min, Bound minKind, bool minExclusive, ReadOnlySpan<byte> max, Bound maxKind, bool maxExclusive)
    {
        _min = min;
        _minKind = minKind;
        _minExclusive = minExclusive;
        _max = max;
        _maxKind = maxKind;
        _maxExclusive = maxExclusive;
    }

    /// <summary>Redis zslParseLexRange; false for anything but "-", "+", "(x" or "[x".</summary>
    public static bool TryParse(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, out LexRange range)
    {
        range = default;
        if (!TryParseItem(min, out var minValue, out var minKind, out var minExclusive) ||
            !TryParseItem(max, out var maxValue, out var maxKind, out var maxExclusive)) return false;
        range = new LexRange(minValue, minKind, minExclusive, maxValue, maxKind, maxExclusive);
        return true;
    }

    private static bool TryParseItem(ReadOnlySpan<byte> item, out ReadOnlySpan<byte> value, out Bound kind, out bool exclusive)
    {
        value = default;
        kind = Bound.Value;
        exclusive = true;
        if (item.Length == 0) return false;
        switch (item[0])
        {
            case (byte)'+':
                kind = Bound.Plus;
                return item.Length == 1;
            case (byte)'-':
                kind = Bound.Minus;
                return item.Length == 1;
            case (byte)'(':
                value = item[1..];
                return true;
            case (byte)'[':
                value = item[1..];
                exclusive = false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Redis sdscmplex of a real member against a bound.</summary>
    private static int Compare(ReadOnlySpan<byte> member, ReadOnlySpan<byte> bound, Bound kind) => kind switch
    {
        Bound.Minus => 1,
        Bound.Plus => -1,
        _ => member.SequenceCompareTo(bound),
    };

    public bool AboveMin(ReadOnlySpan<byte> member)
    {
        var cmp = Compare(member, _min, _minKind);
        return _minExclusive ? cmp > 0 : cmp >= 0;
    }

    public bool BelowMax(ReadOnlySpan<byte> member)
    {
        var cmp = Compare(member, _max, _maxKind);
        return _maxExclusive ? cmp < 0 : cmp <= 0;
    }

    public bool Contains(ReadOnlySpan<byte> member) => AboveMin(member) && BelowMax(member);

    /// <summary>Ranges that can hold nothing, whatever the set: min above max, or equal with an open end.</summary>
    public bool IsEmpty
    {
        get
        {
            int cmp;
            if (_minKind == _maxKind && _minKind != Bound.Value) cmp = 0;
            else if (_minKind == Bound.Minus || _maxKind == Bound.Plus) cmp = -1;
            else if (_minKind == Bound.Plus || _maxKind == Bound.Minus) cmp = 1;
            else cmp = _min.SequenceCompareTo(_max);
            return cmp > 0 || (cmp == 0 && (_minExclusive || _maxExclusive));
        }
    }
}
