using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// Set algebra on sorted sets (Redis zunionInterDiffGenericCommand): ZUNION, ZINTER, ZDIFF,
/// their STORE forms and ZINTERCARD. Plain sets are accepted as inputs, every member scoring 1.
/// </summary>
internal static partial class SortedSetCommands
{
    private enum SetOperation { Union, Inter, Diff }

    private enum Aggregate { Sum, Min, Max }

    /// <summary>One input: a sorted set, a plain set, or a missing key (empty).</summary>
    private struct Source
    {
        public SortedSetValue? Zset;
        public IReadableSet? Set;
        public double Weight;

        public readonly long Count => Zset?.Count ?? Set?.Count ?? 0;

        public readonly object? Identity => (object?)Zset ?? Set;

        public readonly bool TryGetScore(ReadOnlySpan<byte> member, out double score)
        {
            if (Zset is not null) return Zset.TryGetScore(member, out score);
            score = 1.0;
            return Set is not null && Set.Contains(member);
        }
    }

    public static void ZUnion(Client client) => SetOperationGeneric(client, -1, 1, SetOperation.Union, cardinalityOnly: false);

    public static void ZInter(Client client) => SetOperationGeneric(client, -1, 1, SetOperation.Inter, cardinalityOnly: false);

    public static void ZDiff(Client client) => SetOperationGeneric(client, -1, 1, SetOperation.Diff, cardinalityOnly: false);

    public static void ZUnionStore(Client client) => SetOperationGeneric(client, 1, 2, SetOperation.Union, cardinalityOnly: false);

    public static void ZInterStore(Client client) => SetOperationGeneric(client, 1, 2, SetOperation.Inter, cardinalityOnly: false);

    public static void ZDiffStore(Client client) => SetOperationGeneric(client, 1, 2, SetOperation.Diff, cardinalityOnly: false);

    /// <summary>ZINTERCARD numkeys key [key ...] [LIMIT limit]</summary>
    public static void ZInterCard(Client client) => SetOperationGeneric(client, -1, 1, SetOperation.Inter, cardinalityOnly: true);

    private static void SetOperationGeneric(Client client, int destinationIndex, int numKeysIndex, SetOperation operation, bool cardinalityOnly)
    {
        var args = client.Args;
        var reply = client.Reply;
        if (!client.TryGetInt64OrReply(numKeysIndex, out var setCount)) return;
        if (setCount < 1)
        {
            reply.WriteError($"at least 1 input key is needed for '{client.Server.CurrentCommand!.FullName}' command");
            return;
        }
        if (setCount > args.Count - (numKeysIndex + 1))
        {
            reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        // Keys are looked up (and type-checked) before the options are parsed, as in Redis.
        var sources = new Source[setCount];
        var j = numKeysIndex + 1;
        for (var i = 0; i < setCount; i++, j++)
        {
            sources[i].Weight = 1.0;
            ref var entry = ref client.LookupRead(args[j]);
            if (Unsafe.IsNullRef(ref entry)) continue;
            if (entry.Item is SortedSetValue zset) sources[i].Zset = zset;
            else if (entry.Type == RedisType.Set && entry.Item is IReadableSet set) sources[i].Set = set;
            else
            {
                reply.WriteError(SharedReplies.WrongType);
                return;
            }
        }
        var aggregate = Aggregate.Sum;
        var withScores = false;
        long limit = 0;
        var hasDestination = destinationIndex > 0;
        for (var remaining = args.Count - j; remaining > 0; remaining = args.Count - j)
        {
            if (operation != SetOperation.Diff && !cardinalityOnly && remaining >= setCount + 1 && client.ArgIs(j, "weights"u8))
            {
                j++;
                for (var i = 0; i < setCount; i++, j++)
                {
                    if (!Strtod.TryParseStrict(args[j], out sources[i].Weight))
                    {
                        reply.WriteError("weight value is not a float");
                        return;
                    }
                }
            }
            else if (operation != SetOperation.Diff && !cardinalityOnly && remaining >= 2 && client.ArgIs(j, "aggregate"u8))
            {
                j++;
                if (client.ArgIs(j, "sum"u8)) aggregate = Aggregate.Sum;
                else if (client.ArgIs(j, "min"u8)) aggregate = Aggregate.Min;
                else if (client.ArgIs(j, "max"u8)) aggregate = Aggregate.Max;
                else
                {
                    reply.WriteError(SharedReplies.SyntaxError);
                    return;
                }
                j++;
            }
            else if (!hasDestination && !cardinalityOnly && client.ArgIs(j, "withscores"u8))
            {
                j++;
                withScores = true;
            }
            else if (cardinalityOnly && remaining >= 2 && client.ArgIs(j, "limit"u8))
            {
                if (!Int64Text.TryParse(args[j + 1], out limit) || limit < 0)
                {
                    reply.WriteError("LIMIT can't be negative");
                    return;
                }
                j += 2;
            }
            else
            {
                reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        // Smallest first, stably (glibc's qsort is a merge sort): intersections iterate the
        // smallest set, and the order sums are made in is Redis's, so rounding matches.
        if (operation != SetOperation.Diff) sources = [.. sources.OrderBy(s => s.Count)];

        if (cardinalityOnly)
        {
            reply.WriteInteger(IntersectionCardinality(sources, limit));
            return;
        }
        var result = operation switch
        {
            SetOperation.Union => Union(sources, aggregate),
            SetOperation.Inter => Intersection(sources, aggregate),
            _ => Difference(sources),
        };
        result.Sort(static (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : a.Member.AsSpan().SequenceCompareTo(b.Member));
        if (hasDestination)
        {
            // Built as a skip list and converted if small, as Redis does (so -0 survives only in a skip list).
            var stored = new SortedSetValue(args.ToArray(destinationIndex), listpack: false);
            foreach (var (member, score) in result) stored.Add(member, score, ZAddFlags.None, out _);
            stored.ConvertToListpackIfFits();
            StoreResult(client, args[destinationIndex], stored);
            return;
        }
        WriteRangeHeader(reply, result.Count, withScores);
        var writer = new ReplyVisitor(reply, withScores);
        foreach (var (member, score) in result) writer.Visit(member, score);
    }

    /// <summary>Redis zunionInterAggregate; a sum of opposite infinities is 0, not NaN.</summary>
    private static double Combine(double target, double value, Aggregate aggregate) => aggregate switch
    {
        Aggregate.Sum => double.IsNaN(target + value) ? 0.0 : target + value,
        Aggregate.Min => value < target ? value : target,
        _ => value > target ? value : target,
    };

    /// <summary>Weighted score of a member of source <paramref name="s"/> (weight × score, NaN as 0 as Redis does for 0 × inf).</summary>
    private static double Weighted(in Source s, double score)
    {
        var weighted = s.Weight * score;
        return double.IsNaN(weighted) ? 0 : weighted;
    }

    private static List<(byte[] Member, double Score)> Union(Source[] sources, Aggregate aggregate)
    {
        var accumulator = new Dictionary<byte[], double>(ByteArrayComparer.Instance);
        foreach (var source in sources)
        {
            foreach (var (member, score) in Members(source))
            {
                var weighted = Weighted(source, score);
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(accumulator, member, out var exists);
                slot = exists ? Combine(slot, weighted, aggregate) : weighted;
            }
        }
        var result = new List<(byte[], double)>(accumulator.Count);
        foreach (var (member, score) in accumulator) result.Add((member, score));
        return result;
    }

    private static List<(byte[] Member, double Score)> Intersection(Source[] sources, Aggregate aggregate)
    {
        var result = new List<(byte[], double)>();
        if (sources[0].Count == 0) return result;
        foreach (var (member, memberScore) in Members(sources[0]))
        {
            var score = Weighted(sources[0], memberScore);
            var inAll = true;
            for (var j = 1; j < sources.Length && inAll; j++)
            {
                double value;
                if (ReferenceEquals(sources[j].Identity, sources[0].Identity)) value = memberScore * sources[j].Weight;
                else if (sources[j].TryGetScore(member, out value)) value *= sources[j].Weight;
                else
                {
                    inAll = false;
                    break;
                }
                score = Combine(score, value, aggregate);
            }
            if (inAll) result.Add((member, score));
        }
        return result;
    }

    private static long IntersectionCardinality(Source[] sources, long limit)
    {
        if (sources[0].Count == 0) return 0;
        long cardinality = 0;
        foreach (var (member, _) in Members(sources[0]))
        {
            var inAll = true;
            for (var j = 1; j < sources.Length && inAll; j++)
                inAll = ReferenceEquals(sources[j].Identity, sources[0].Identity) || sources[j].TryGetScore(member, out _);
            if (!inAll) continue;
            cardinality++;
            if (limit > 0 && cardinality >= limit) break;
        }
        return cardinality;
    }

    /// <summary>The first input's members found in no other input, with the first input's scores (no weights).</summary>
    private static List<(byte[] Member, double Score)> Difference(Source[] sources)
    {
        var result = new List<(byte[], double)>();
        for (var j = 1; j < sources.Length; j++)
            if (sources[0].Identity is not null && ReferenceEquals(sources[j].Identity, sources[0].Identity)) return result;
        foreach (var (member, score) in Members(sources[0]))
        {
            var elsewhere = false;
            for (var j = 1; j < sources.Length && !elsewhere; j++) elsewhere = sources[j].TryGetScore(member, out _);
            if (!elsewhere) result.Add((member, score));
        }
        return result;
    }

    /// <summary>An input's members with their scores (1 for a plain set).</summary>
    private static List<(byte[] Member, double Score)> Members(in Source source)
    {
        var members = new List<(byte[], double)>((int)source.Count);
        if (source.Zset is { } zset)
        {
            var collector = new MemberCollector { Members = members };
            zset.VisitAll(ref collector);
        }
        else if (source.Set is { } set)
        {
            foreach (var member in set.Members()) members.Add((member, 1.0));
        }
        return members;
    }

    private struct MemberCollector : IZsetVisitor
    {
        public List<(byte[], double)> Members;

        public void Visit(ReadOnlySpan<byte> member, double score) => Members.Add((member.ToArray(), score));
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes) => KeyHash.Of(bytes);
    }
}
