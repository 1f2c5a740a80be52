using System.Globalization;
using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// The geospatial commands (Redis geo.c): a geo index is a sorted set whose scores are 52-bit
/// geohashes (<see cref="GeoHash"/>). GEOADD is ZADD of encoded points (and is logged as that
/// ZADD); searches visit only the score ranges of the nine cells around the shape.
/// </summary>
internal static class GeoCommands
{
    private static ReadOnlySpan<byte> UnsupportedUnit => "-ERR unsupported unit provided. please use M, KM, FT, MI\r\n"u8;
    private static ReadOnlySpan<byte> CouldNotDecodeMember => "-ERR could not decode requested zset member\r\n"u8;

    /// <summary>
    /// Score ranges scanned by searches on this thread (each server's loop has its own thread):
    /// tests check that a search visits cells, never the whole set.
    /// </summary>
    [ThreadStatic] public static long RangesScanned;

    /// <summary>Sorted-set members a search looked at, on this thread.</summary>
    [ThreadStatic] public static long MembersExamined;

    // ------------------------------------------------------------------ GEOADD

    /// <summary>GEOADD key [NX|XX] [CH] longitude latitude member [...]: Redis turns it into ZADD.</summary>
    public static void GeoAdd(Client client)
    {
        var args = client.Args;
        bool nx = false, xx = false, changed = false;
        var lonIndex = 2;
        for (; lonIndex < args.Count; lonIndex++)
        {
            if (client.ArgIs(lonIndex, "nx"u8)) nx = true;
            else if (client.ArgIs(lonIndex, "xx"u8)) xx = true;
            else if (client.ArgIs(lonIndex, "ch"u8)) changed = true;
            else break;
        }
        var rest = args.Count - lonIndex;
        if (rest % 3 != 0 || (nx && xx))
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        var elements = rest / 3;
        if (elements == 0)
        {
            // ZADD with no score/member pair.
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        Span<double> scores = elements <= 256 ? stackalloc double[elements] : new double[elements];
        for (var j = 0; j < elements; j++)
        {
            if (!TryGetLonLatOrReply(client, lonIndex + j * 3, out var lon, out var lat)) return;
            scores[j] = GeoHash.Score(lon, lat);
        }

        var key = args[1];
        var db = client.Db;
        ref var entry = ref db.FindForWrite(key);
        SortedSetValue zset;
        var created = Unsafe.IsNullRef(ref entry);
        if (created)
        {
            if (xx)
            {
                client.Reply.WriteInteger(0);
                return;
            }
            zset = new SortedSetValue(key.ToArray(), args.Length(lonIndex + 2));
        }
        else
        {
            if (entry.Type != RedisType.SortedSet)
            {
                client.Reply.WriteError(SharedReplies.WrongType);
                return;
            }
            zset = db.Mutable<SortedSetValue>(ref entry);
        }
        var flags = nx ? ZAddFlags.Nx : xx ? ZAddFlags.Xx : ZAddFlags.None;
        int added = 0, updated = 0;
        for (var j = 0; j < elements; j++)
        {
            var result = zset.Add(args[lonIndex + j * 3 + 2], scores[j], flags, out _);
            if (result == ZAddResult.Added) added++;
            else if (result == ZAddResult.Updated) updated++;
        }
        if (created)
        {
            if (zset.Count > 0) db.SetObject(zset);
        }
        else if (added + updated > 0) client.Server.Blocking.SignalKeyReady(db, key);
        if (added + updated > 0)
        {
            // Logged as the ZADD Redis rewrites it to: zadd key [options] score member ...
            var effect = new byte[lonIndex + elements * 2][];
            effect[0] = "zadd"u8.ToArray();
            for (var i = 1; i < lonIndex; i++) effect[i] = args.ToArray(i);
            for (var j = 0; j < elements; j++)
            {
                effect[lonIndex + j * 2] = System.Text.Encoding.ASCII.GetBytes(((ulong)scores[j]).ToString(CultureInfo.InvariantCulture));
                effect[lonIndex + j * 2 + 1] = args.ToArray(lonIndex + j * 3 + 2);
            }
            client.Server.PropagateCommand(client, effect);
        }
        client.Reply.WriteInteger(changed ? added + updated : added);
    }

    // ------------------------------------------------------------------ GEOPOS, GEODIST, GEOHASH

    /// <summary>GEOPOS key [member ...]</summary>
    public static void GeoPos(Client client)
    {
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        var args = client.Args;
        var reply = client.Reply;
        reply.WriteArrayHeader(args.Count - 2);
        for (var j = 2; j < args.Count; j++)
        {
            if (zset is null || !zset.TryGetScore(args[j], out var score) || !GeoHash.DecodeScore(score, out var lon, out var lat))
            {
                reply.WriteNullArray();
                continue;
            }
            reply.WriteArrayHeader(2);
            WriteHumanDouble(reply, lon);
            WriteHumanDouble(reply, lat);
        }
    }

    /// <summary>GEODIST key member1 member2 [M|KM|FT|MI]</summary>
    public static void GeoDist(Client client)
    {
        var args = client.Args;
        var toMeter = 1.0;
        if (args.Count == 5)
        {
            toMeter = UnitToMeters(args[4]);
            if (toMeter < 0)
            {
                client.Reply.WriteError(UnsupportedUnit);
                return;
            }
        }
        else if (args.Count > 5)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        if (zset is null ||
            !zset.TryGetScore(args[2], out var score1) || !zset.TryGetScore(args[3], out var score2) ||
            !GeoHash.DecodeScore(score1, out var lon1, out var lat1) || !GeoHash.DecodeScore(score2, out var lon2, out var lat2))
        {
            client.Reply.WriteNull();
            return;
        }
        WriteDistance(client.Reply, GeoHash.Distance(lon1, lat1, lon2, lat2) / toMeter);
    }

    /// <summary>GEOHASH key [member ...]: the standard 11-character geohash of each member.</summary>
    public static void GeoHashCommand(Client client)
    {
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        var args = client.Args;
        var reply = client.Reply;
        reply.WriteArrayHeader(args.Count - 2);
        Span<byte> text = stackalloc byte[11];
        for (var j = 2; j < args.Count; j++)
        {
            if (zset is null || !zset.TryGetScore(args[j], out var score) || !GeoHash.DecodeScore(score, out var lon, out var lat))
            {
                reply.WriteNull();
                continue;
            }
            GeoHash.StandardString(lon, lat, text);
            reply.WriteBulk(text);
        }
    }

    // ------------------------------------------------------------------ searches

    [Flags]
    private enum SearchFlags
    {
        None = 0,
        RadiusCoords = 1,
        RadiusMember = 2,
        NoStore = 4,
        Search = 8,
        SearchStore = 16,
    }

    public static void GeoRadius(Client client) => SearchGeneric(client, 1, SearchFlags.RadiusCoords);

    public static void GeoRadiusRo(Client client) => SearchGeneric(client, 1, SearchFlags.RadiusCoords | SearchFlags.NoStore);

    public static void GeoRadiusByMember(Client client) => SearchGeneric(client, 1, SearchFlags.RadiusMember);

    public static void GeoRadiusByMemberRo(Client client) => SearchGeneric(client, 1, SearchFlags.RadiusMember | SearchFlags.NoStore);

    public static void GeoSearch(Client client) => SearchGeneric(client, 1, SearchFlags.Search);

    public static void GeoSearchStore(Client client) => SearchGeneric(client, 2, SearchFlags.Search | SearchFlags.SearchStore);

    /// <summary>A match: its member is a slice of <see cref="GeoResults.Arena"/>; Index is the order the cells gave it.</summary>
    private struct GeoPoint
    {
        public int MemberOffset;
        public int MemberLength;
        public int Index;
        public double Distance;
        public double Score;
        public double Longitude;
        public double Latitude;
    }

    /// <summary>
    /// A search's matches, reused by every search on the loop thread (Redis's geoArray): points
    /// in one array, members packed in one byte buffer, so a search allocates nothing once warm.
    /// </summary>
    private sealed class GeoResults
    {
        public GeoPoint[] Items = new GeoPoint[64];
        public int Count;
        public byte[] Arena = new byte[1024];
        private int _arenaUsed;

        public void Clear()
        {
            Count = 0;
            _arenaUsed = 0;
            // Do not keep the memory of one huge search for ever.
            if (Items.Length > 65536) Items = new GeoPoint[64];
            if (Arena.Length > 1 << 22) Arena = new byte[1024];
        }

        public void Add(ReadOnlySpan<byte> member, double distance, double score, double longitude, double latitude)
        {
            if (Count == Items.Length) Array.Resize(ref Items, Items.Length * 2);
            if (_arenaUsed + member.Length > Arena.Length) Array.Resize(ref Arena, Math.Max(Arena.Length * 2, _arenaUsed + member.Length));
            member.CopyTo(Arena.AsSpan(_arenaUsed));
            Items[Count] = new GeoPoint
            {
                MemberOffset = _arenaUsed, MemberLength = member.Length, Index = Count,
                Distance = distance, Score = score, Longitude = longitude, Latitude = latitude,
            };
            _arenaUsed += member.Length;
            Count++;
        }

        public ReadOnlySpan<byte> Member(in GeoPoint point) => Arena.AsSpan(point.MemberOffset, point.MemberLength);
    }

    [ThreadStatic] private static GeoResults? t_results;

    /// <summary>By distance (Redis sort_gp_asc / sort_gp_desc); exact ties keep the cells' order.</summary>
    private readonly struct DistanceOrder(bool ascending) : IComparer<GeoPoint>
    {
        public int Compare(GeoPoint a, GeoPoint b)
        {
            var c = ascending ? a.Distance.CompareTo(b.Distance) : b.Distance.CompareTo(a.Distance);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        }
    }

    /// <summary>Redis georadiusGeneric: options in Redis's order and with its errors, then the nine cells.</summary>
    private static void SearchGeneric(Client client, int sourceIndex, SearchFlags flags)
    {
        var args = client.Args;
        var reply = client.Reply;
        if (!TryGetForReadOrReply(client, sourceIndex, out var zset)) return;

        var shape = new GeoShape();
        byte[]? storeKey = null;
        var storeDist = false;
        int baseArgs;
        if ((flags & SearchFlags.RadiusCoords) != 0)
        {
            baseArgs = 6;
            if (!TryGetLonLatOrReply(client, 2, out shape.Longitude, out shape.Latitude)) return;
            if (!TryGetDistanceOrReply(client, baseArgs - 2, out shape.Radius, out shape.Conversion)) return;
        }
        else if ((flags & SearchFlags.RadiusMember) != 0 && zset is null)
        {
            // No source: parse the options anyway, to know which empty reply to give.
            baseArgs = 5;
        }
        else if ((flags & SearchFlags.RadiusMember) != 0)
        {
            baseArgs = 5;
            if (!TryLonLatFromMember(zset!, args[2], out shape.Longitude, out shape.Latitude))
            {
                reply.WriteError(CouldNotDecodeMember);
                return;
            }
            if (!TryGetDistanceOrReply(client, baseArgs - 2, out shape.Radius, out shape.Conversion)) return;
        }
        else
        {
            baseArgs = 2;
            if ((flags & SearchFlags.SearchStore) != 0)
            {
                baseArgs = 3;
                storeKey = args.ToArray(1);
            }
        }

        bool withDist = false, withHash = false, withCoords = false, any = false;
        bool fromMember = false, fromLoc = false, byRadius = false, byBox = false;
        var sort = 0; // 0 none, 1 asc, -1 desc
        long count = 0;
        var search = (flags & SearchFlags.Search) != 0;
        var noStore = (flags & SearchFlags.NoStore) != 0;
        var remaining = args.Count - baseArgs;
        for (var i = 0; i < remaining; i++)
        {
            var at = baseArgs + i;
            if (client.ArgIs(at, "withdist"u8)) withDist = true;
            else if (client.ArgIs(at, "withhash"u8)) withHash = true;
            else if (client.ArgIs(at, "withcoord"u8)) withCoords = true;
            else if (client.ArgIs(at, "any"u8)) any = true;
            else if (client.ArgIs(at, "asc"u8)) sort = 1;
            else if (client.ArgIs(at, "desc"u8)) sort = -1;
            else if (client.ArgIs(at, "count"u8) && i + 1 < remaining)
            {
                if (!client.TryGetInt64OrReply(at + 1, out count)) return;
                if (count <= 0)
                {
                    reply.WriteError("COUNT must be > 0");
                    return;
                }
                i++;
            }
            else if (client.ArgIs(at, "store"u8) && i + 1 < remaining && !noStore && !search)
            {
                storeKey = args.ToArray(at + 1);
                storeDist = false;
                i++;
            }
            else if (client.ArgIs(at, "storedist"u8) && i + 1 < remaining && !noStore && !search)
            {
                storeKey = args.ToArray(at + 1);
                storeDist = true;
                i++;
            }
            else if (client.ArgIs(at, "storedist"u8) && search && (flags & SearchFlags.SearchStore) != 0)
            {
                storeDist = true;
            }
            else if (client.ArgIs(at, "frommember"u8) && i + 1 < remaining && search && !fromLoc)
            {
                if (zset is not null && !TryLonLatFromMember(zset, args[at + 1], out shape.Longitude, out shape.Latitude))
                {
                    reply.WriteError(CouldNotDecodeMember);
                    return;
                }
                fromMember = true;
                i++;
            }
            else if (client.ArgIs(at, "fromlonlat"u8) && i + 2 < remaining && search && !fromMember)
            {
                if (!TryGetLonLatOrReply(client, at + 1, out shape.Longitude, out shape.Latitude)) return;
                fromLoc = true;
                i += 2;
            }
            else if (client.ArgIs(at, "byradius"u8) && i + 2 < remaining && search && !byBox)
            {
                if (!TryGetDistanceOrReply(client, at + 1, out shape.Radius, out shape.Conversion)) return;
                shape.IsBox = false;
                byRadius = true;
                i += 2;
            }
            else if (client.ArgIs(at, "bybox"u8) && i + 3 < remaining && search && !byRadius)
            {
                if (!TryGetBoxOrReply(client, at + 1, out shape.Width, out shape.Height, out shape.Conversion)) return;
                shape.IsBox = true;
                byBox = true;
                i += 3;
            }
            else
            {
                reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }

        if (storeKey is not null && (withDist || withHash || withCoords))
        {
            reply.WriteError(((flags & SearchFlags.SearchStore) != 0 ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS") +
                             " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
            return;
        }
        if (search && !(fromMember || fromLoc))
        {
            reply.WriteError("exactly one of FROMMEMBER or FROMLONLAT can be specified for " + client.ArgString(0));
            return;
        }
        if (search && !(byRadius || byBox))
        {
            reply.WriteError("exactly one of BYRADIUS and BYBOX can be specified for " + client.ArgString(0));
            return;
        }
        if (any && count == 0)
        {
            reply.WriteError("the ANY argument requires COUNT argument");
            return;
        }

        var db = client.Db;
        if (zset is null)
        {
            if (storeKey is not null)
            {
                if (db.Delete(storeKey)) client.Server.Propagate(client);
                reply.WriteInteger(0);
            }
            else reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }

        if (count != 0 && sort == 0 && !any) sort = 1;

        var points = t_results ??= new GeoResults();
        points.Clear();
        MembersOfAllNeighbours(zset, shape, points, any ? count : 0);

        if (points.Count == 0 && storeKey is null)
        {
            reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        var returned = count == 0 || points.Count < count ? points.Count : (int)count;
        if (sort != 0) points.Items.AsSpan(0, points.Count).Sort(new DistanceOrder(sort > 0));

        if (storeKey is null)
        {
            var options = (withDist ? 1 : 0) + (withCoords ? 1 : 0) + (withHash ? 1 : 0);
            reply.WriteArrayHeader(returned);
            for (var i = 0; i < returned; i++)
            {
                ref var p = ref points.Items[i];
                if (options > 0) reply.WriteArrayHeader(options + 1);
                reply.WriteBulk(points.Member(p));
                if (withDist) WriteDistance(reply, p.Distance / shape.Conversion);
                if (withHash) reply.WriteInteger((long)p.Score);
                if (withCoords)
                {
                    reply.WriteArrayHeader(2);
                    WriteHumanDouble(reply, p.Longitude);
                    WriteHumanDouble(reply, p.Latitude);
                }
            }
            return;
        }

        if (returned > 0)
        {
            var result = new SortedSetValue(storeKey, listpack: returned <= EncodingLimits.ZsetMaxListpackEntries);
            for (var i = 0; i < returned; i++)
            {
                ref var p = ref points.Items[i];
                result.Add(points.Member(p), storeDist ? p.Distance / shape.Conversion : p.Score, ZAddFlags.None, out _);
            }
            if (!result.IsListpack) result.ConvertToListpackIfFits();
            var existed = db.Exists(storeKey);
            db.SetObject(result);
            if (existed) client.Server.Blocking.SignalKeyReady(db, storeKey);
            client.Server.Propagate(client);
        }
        else if (db.Delete(storeKey)) client.Server.Propagate(client);
        reply.WriteInteger(returned);
    }

    /// <summary>Redis membersOfAllNeighbors: the nine cells' score ranges, skipping a cell equal to the last one scanned.</summary>
    private static void MembersOfAllNeighbours(SortedSetValue zset, in GeoShape shape, GeoResults points, long limit)
    {
        Span<GeoHashBits> cells = stackalloc GeoHashBits[9];
        GeoHash.AreasByShape(shape, cells);
        var prepared = GeoHash.Prepare(shape);
        var lastProcessed = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].IsZero) continue;
            if (lastProcessed != 0 && cells[i] == cells[lastProcessed]) continue;
            if (points.Count > 0 && limit > 0 && points.Count >= limit) break;
            var (min, max) = GeoHash.ScoresOfCell(cells[i]);
            var range = new ScoreRange(min, max, minExclusive: false, maxExclusive: true);
            var visitor = new CellVisitor(points, prepared, limit);
            RangesScanned++;
            if (limit <= 0) zset.VisitByScore(range, 0, -1, reverse: false, ref visitor);
            else
            {
                // ANY: Redis stops walking the cell once enough matches are found; walk it in
                // growing chunks so a big cell is not walked to its end for a few matches.
                long visited = 0, chunk = Math.Max(16, limit * 2);
                while (true)
                {
                    var walked = zset.VisitByScore(range, visited, chunk, reverse: false, ref visitor);
                    visited += walked;
                    if (walked < chunk || points.Count >= limit) break;
                    chunk *= 2;
                }
            }
            lastProcessed = i;
        }
    }

    /// <summary>Redis geoGetPointsInRange's loop body: decode, keep what is inside the shape, stop at the ANY limit.</summary>
    private readonly struct CellVisitor(GeoResults points, GeoShape shape, long limit) : IZsetVisitor
    {
        public void Visit(ReadOnlySpan<byte> member, double score)
        {
            MembersExamined++;
            if (limit > 0 && points.Count >= limit) return;
            if (!GeoHash.DecodeScore(score, out var lon, out var lat)) return;
            if (!GeoHash.WithinShape(shape, lon, lat, out var distance)) return;
            points.Add(member, distance, score, lon, lat);
        }
    }

    // ------------------------------------------------------------------ parsing and replies

    private static bool TryGetForReadOrReply(Client client, int keyIndex, out SortedSetValue? zset)
    {
        zset = null;
        ref var entry = ref client.LookupRead(client.Args[keyIndex]);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is SortedSetValue value)
        {
            zset = value;
            return true;
        }
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    private static bool TryLonLatFromMember(SortedSetValue zset, ReadOnlySpan<byte> member, out double longitude, out double latitude)
    {
        longitude = latitude = 0;
        return zset.TryGetScore(member, out var score) && GeoHash.DecodeScore(score, out longitude, out latitude);
    }

    /// <summary>Redis extractLongLatOrReply: two floats, then the WGS84 bounds.</summary>
    private static bool TryGetLonLatOrReply(Client client, int index, out double longitude, out double latitude)
    {
        latitude = 0;
        if (!client.TryGetDoubleOrReply(index, out longitude) || !client.TryGetDoubleOrReply(index + 1, out latitude)) return false;
        if (longitude < GeoHash.LonMin || longitude > GeoHash.LonMax || latitude < GeoHash.LatMin || latitude > GeoHash.LatMax)
        {
            client.Reply.WriteError(string.Create(CultureInfo.InvariantCulture,
                $"invalid longitude,latitude pair {FormatFixed(longitude, 6)},{FormatFixed(latitude, 6)}"));
            return false;
        }
        return true;
    }

    /// <summary>Redis extractDistanceOrReply: a non-negative number, then a unit.</summary>
    private static bool TryGetDistanceOrReply(Client client, int index, out double radius, out double conversion)
    {
        conversion = 0;
        if (!RedisNumbers.TryParseDouble(client.Args[index], out radius))
        {
            client.Reply.WriteError("need numeric radius");
            return false;
        }
        if (radius < 0)
        {
            client.Reply.WriteError("radius cannot be negative");
            return false;
        }
        conversion = UnitToMeters(client.Args[index + 1]);
        if (conversion >= 0) return true;
        client.Reply.WriteError(UnsupportedUnit);
        return false;
    }

    /// <summary>Redis extractBoxOrReply: width, height (non-negative), then a unit.</summary>
    private static bool TryGetBoxOrReply(Client client, int index, out double width, out double height, out double conversion)
    {
        height = conversion = 0;
        if (!RedisNumbers.TryParseDouble(client.Args[index], out width))
        {
            client.Reply.WriteError("need numeric width");
            return false;
        }
        if (!RedisNumbers.TryParseDouble(client.Args[index + 1], out height))
        {
            client.Reply.WriteError("need numeric height");
            return false;
        }
        if (height < 0 || width < 0)
        {
            client.Reply.WriteError("height or width cannot be negative");
            return false;
        }
        conversion = UnitToMeters(client.Args[index + 2]);
        if (conversion >= 0) return true;
        client.Reply.WriteError(UnsupportedUnit);
        return false;
    }

    /// <summary>Redis extractUnitOrReply's table; -1 for anything else.</summary>
    private static double UnitToMeters(ReadOnlySpan<byte> unit)
    {
        if (System.Text.Ascii.EqualsIgnoreCase(unit, "m"u8)) return 1;
        if (System.Text.Ascii.EqualsIgnoreCase(unit, "km"u8)) return 1000;
        if (System.Text.Ascii.EqualsIgnoreCase(unit, "ft"u8)) return 0.3048;
        if (System.Text.Ascii.EqualsIgnoreCase(unit, "mi"u8)) return 1609.34;
        return -1;
    }

    /// <summary>C's "%.Nf" (exact digits of the double; infinities as C prints them).</summary>
    private static string FormatFixed(double value, int decimals)
    {
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Redis addReplyDoubleDistance: "%.4f" as a bulk string, in RESP2 and RESP3 alike.</summary>
    private static void WriteDistance(ReplyBuffer reply, double distance)
    {
        Span<byte> text = stackalloc byte[64];
        if (TryFormatFourDecimals(distance, text, out var length))
        {
            reply.WriteBulk(text[..length]);
            return;
        }
        if (!double.IsFinite(distance) || !distance.TryFormat(text, out length, "F4", CultureInfo.InvariantCulture))
        {
            reply.WriteBulk(FormatFixed(distance, 4));
            return;
        }
        reply.WriteBulk(text[..length]);
    }

    /// <summary>
    /// "%.4f" of a non-negative double without the general formatter (a GEOSEARCH WITHDIST of a
    /// few hundred points spent 15% of its time in it). C rounds the exact binary value to
    /// nearest, ties to even; <c>d * 10000</c> is within half an ulp of that exact product, so
    /// rounding it is right unless its fraction lies within two ulps of one half: then (and for
    /// values too large for exact integer parts) this declines and the caller formats exactly.
    /// </summary>
    internal static bool TryFormatFourDecimals(double value, Span<byte> destination, out int length)
    {
        length = 0;
        if (!(value >= 0) || value >= 1e11) return false;
        var scaled = value * 10000;
        var floor = Math.Floor(scaled);
        var fraction = scaled - floor; // exact: both below 2^52
        var margin = 2 * (Math.BitIncrement(scaled) - scaled);
        if (Math.Abs(fraction - 0.5) <= margin) return false;
        var units = (long)floor + (fraction > 0.5 ? 1 : 0);
        if (!System.Buffers.Text.Utf8Formatter.TryFormat(units / 10000, destination, out var written)) return false;
        destination[written] = (byte)'.';
        var decimals = units % 10000;
        for (var i = 4; i >= 1; i--)
        {
            destination[written + i] = (byte)('0' + decimals % 10);
            decimals /= 10;
        }
        length = written + 5;
        return true;
    }

    /// <summary>
    /// Redis addReplyHumanLongDouble: "%.17Lf" with trailing zeros (and a bare point) removed; a
    /// bulk string in RESP2, a double in RESP3. Coordinates are finite and below 181 in size.
    /// </summary>
    private static void WriteHumanDouble(ReplyBuffer reply, double value)
    {
        Span<byte> text = stackalloc byte[80];
        text[0] = (byte)',';
        value.TryFormat(text[1..], out var length, "F17", CultureInfo.InvariantCulture);
        var digits = text.Slice(1, length);
        if (digits.Contains((byte)'.'))
        {
            digits = digits.TrimEnd((byte)'0');
            if (digits[^1] == '.') digits = digits[..^1];
        }
        if (!reply.Resp3)
        {
            reply.WriteBulk(digits);
            return;
        }
        text[1 + digits.Length] = (byte)'\r';
        text[2 + digits.Length] = (byte)'\n';
        reply.WriteRaw(text[..(digits.Length + 3)]);
    }
}
