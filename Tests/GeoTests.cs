using System.Globalization;
using System.Text;
using EventLoopKv.Server;
using EventLoopKv.Server.Commands;
using EventLoopKv.Storage;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// Geospatial indexes beyond what the golden replies show: a search visits only the cells
/// around its shape (counted on the server's loop thread), the cells never miss a match (checked
/// against a scan of every member), GEOSEARCHSTORE's stored sets, what is logged for
/// persistence, and the same random command sequence against redis-server when it is installed.
/// </summary>
public sealed class GeoTests
{
    private static string Bulk(string s) => $"${Encoding.UTF8.GetByteCount(s)}\r\n{s}\r\n";

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static (string Member, double Lon, double Lat)[] RandomPoints(int count, int seed, double maxLat = 80)
    {
        var random = new Random(seed);
        var points = new (string, double, double)[count];
        for (var i = 0; i < count; i++)
            points[i] = ("p" + i.ToString(CultureInfo.InvariantCulture), random.NextDouble() * 359.9 - 179.95, random.NextDouble() * 2 * maxLat - maxLat);
        return points;
    }

    private static void AddAll(RawConnection c, string key, (string Member, double Lon, double Lat)[] points)
    {
        foreach (var chunk in points.Chunk(1000))
        {
            var args = new List<string> { "GEOADD", key };
            foreach (var (m, lon, lat) in chunk) args.AddRange([F(lon), F(lat), m]);
            Assert.Equal($":{chunk.Length}\r\n", c.Call([.. args]));
        }
    }

    /// <summary>The members of a flat array reply of bulk strings.</summary>
    private static List<string> Members(string reply)
    {
        var lines = reply.Split("\r\n");
        var members = new List<string>();
        for (var i = 1; i < lines.Length; i++)
            if (lines[i].StartsWith('$')) members.Add(lines[++i]);
        return members;
    }

    /// <summary>What a scan of every member finds inside the shape (Redis's own point test, no cells).</summary>
    private static List<string> BruteForce((string Member, double Lon, double Lat)[] points, GeoShape shape)
    {
        var found = new List<string>();
        foreach (var (m, lon, lat) in points)
        {
            GeoHash.DecodeScore(GeoHash.Score(lon, lat), out var x, out var y);
            if (GeoHash.WithinShape(shape, x, y, out _)) found.Add(m);
        }
        return found;
    }

    private static (long Ranges, long Members) Counters(TestServer server) =>
        server.OnLoop(_ => (GeoCommands.RangesScanned, GeoCommands.MembersExamined));

    [Fact]
    public void Distances_print_with_four_decimals_exactly_as_C_printf_does()
    {
        // .NET's "F4" rounds the exact binary value as glibc's "%.4f" does; the fast path must
        // agree with it or decline, including the values nearest to ties.
        var random = new Random(5);
        var values = new List<double> { 0, 0.00005, 0.00015, 1.23455, 2.5, 0.99995, 12345.67885, 99999.99995, 1e-9 };
        var ordinary = new HashSet<double>();
        for (var i = 0; i < 200_000; i++)
        {
            var plain = random.NextDouble() * Math.Pow(10, random.Next(-3, 9));
            values.Add(plain);
            ordinary.Add(plain);
            var tie = (random.Next(1_000_000_000) + 0.5) / 10000; // near a tie, on either side
            values.Add(tie);
            values.Add(Math.BitIncrement(tie));
            values.Add(Math.BitDecrement(tie));
        }
        Span<byte> text = stackalloc byte[64];
        var declined = 0;
        foreach (var value in values)
        {
            if (!GeoCommands.TryFormatFourDecimals(value, text, out var length))
            {
                if (ordinary.Contains(value)) declined++;
                continue;
            }
            Assert.Equal(value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..length]));
        }
        // Only values within a few ulps of a tie are left to the exact formatter.
        Assert.True(declined < ordinary.Count / 1000, $"the fast path declined {declined} of {ordinary.Count} ordinary values");
    }

    [Fact]
    public void A_search_tests_points_with_exactly_the_distances_of_Redis_formula()
    {
        // Redis 7.0's geoWithinShape: three full haversines per box test, one per radius test.
        static bool Reference(GeoShape shape, double x, double y, out double distance)
        {
            distance = 0;
            if (!shape.IsBox)
            {
                distance = GeoHash.Distance(shape.Longitude, shape.Latitude, x, y);
                return !(distance > shape.Radius * shape.Conversion);
            }
            var lon = GeoHash.Distance(x, y, shape.Longitude, y);
            var lat = GeoHash.Distance(x, y, x, shape.Latitude);
            if (lon > shape.Width * shape.Conversion / 2 || lat > shape.Height * shape.Conversion / 2) return false;
            distance = GeoHash.Distance(shape.Longitude, shape.Latitude, x, y);
            return true;
        }
        var random = new Random(11);
        var inside = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var shape = new GeoShape
            {
                IsBox = i % 2 == 0,
                Longitude = random.NextDouble() * 360 - 180,
                Latitude = random.NextDouble() * 170 - 85,
                Radius = random.NextDouble() * 500,
                Width = random.NextDouble() * 800,
                Height = random.NextDouble() * 800,
                Conversion = 1000,
            };
            var x = Math.Clamp(shape.Longitude + (random.NextDouble() - 0.5) * 8, -180, 180);
            var y = Math.Clamp(shape.Latitude + (random.NextDouble() - 0.5) * 8, -85, 85);
            var expected = Reference(shape, x, y, out var expectedDistance);
            Assert.Equal(expected, GeoHash.WithinShape(GeoHash.Prepare(shape), x, y, out var distance));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDistance), BitConverter.DoubleToInt64Bits(distance));
            if (expected) inside++;
        }
        Assert.InRange(inside, 20_000, 180_000); // both outcomes are exercised
    }

    [Fact]
    public void A_radius_search_in_100k_members_scans_at_most_nine_score_ranges_and_a_small_part_of_the_set()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        var points = RandomPoints(100_000, seed: 5);
        AddAll(c, "world", points);
        Assert.Equal(":100000\r\n", c.Call("ZCARD", "world"));
        Assert.Equal("$8\r\nskiplist\r\n", c.Call("OBJECT", "ENCODING", "world"));

        var before = Counters(server);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reply = c.Call("GEOSEARCH", "world", "FROMLONLAT", "13.361389", "38.115556", "BYRADIUS", "200", "km", "ASC");
        watch.Stop();
        var after = Counters(server);

        var expected = BruteForce(points, new GeoShape { Longitude = 13.361389, Latitude = 38.115556, Radius = 200, Conversion = 1000 });
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), Members(reply).Order());
        Assert.InRange(after.Ranges - before.Ranges, 1, 9);
        // The nine cells around a 200 km circle hold a few hundred of the 100,000 members.
        Assert.InRange(after.Members - before.Members, expected.Count, 2_000);
        Assert.True(watch.ElapsedMilliseconds < 1_000, $"the search took {watch.ElapsedMilliseconds} ms");

        // COUNT ... ANY over the whole world stops as soon as it has enough matches.
        before = Counters(server);
        reply = c.Call("GEOSEARCH", "world", "FROMLONLAT", "0", "0", "BYRADIUS", "25000", "km", "COUNT", "5", "ANY");
        after = Counters(server);
        Assert.Equal(5, Members(reply).Count);
        Assert.InRange(after.Members - before.Members, 5, 100);
    }

    [Fact]
    public void A_box_search_in_100k_members_scans_only_the_cells_around_the_box()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        var points = RandomPoints(100_000, seed: 6);
        AddAll(c, "world", points);
        var before = Counters(server);
        var reply = c.Call("GEOSEARCH", "world", "FROMLONLAT", "-74", "40.7", "BYBOX", "300", "150", "mi");
        var after = Counters(server);
        var expected = BruteForce(points, new GeoShape { IsBox = true, Longitude = -74, Latitude = 40.7, Width = 300, Height = 150, Conversion = 1609.34 });
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), Members(reply).Order());
        Assert.InRange(after.Ranges - before.Ranges, 1, 9);
        Assert.InRange(after.Members - before.Members, expected.Count, 2_000);
    }

    [Fact]
    public void The_cells_never_miss_a_member_inside_random_circles_and_boxes()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        var points = RandomPoints(3_000, seed: 7);
        AddAll(c, "g", points);
        var random = new Random(8);
        for (var trial = 0; trial < 300; trial++)
        {
            var lon = random.NextDouble() * 340 - 170;
            var lat = random.NextDouble() * 140 - 70;
            var box = trial % 2 == 1;
            var size = Math.Pow(10, random.NextDouble() * 3.5) ; // 1 .. 3000 km
            var shape = new GeoShape { IsBox = box, Longitude = GeoHashRound(lon), Latitude = GeoHashRound(lat), Radius = size, Width = size, Height = size * (0.5 + random.NextDouble()), Conversion = 1000 };
            var reply = box
                ? c.Call("GEOSEARCH", "g", "FROMLONLAT", F(shape.Longitude), F(shape.Latitude), "BYBOX", F(shape.Width), F(shape.Height), "km")
                : c.Call("GEOSEARCH", "g", "FROMLONLAT", F(shape.Longitude), F(shape.Latitude), "BYRADIUS", F(shape.Radius), "km");
            Assert.Equal(BruteForce(points, shape).Order(), Members(reply).Order());
        }
    }

    /// <summary>Coordinates as sent (the server parses the shortest round-trip text back to the same double).</summary>
    private static double GeoHashRound(double value) => double.Parse(F(value), CultureInfo.InvariantCulture);

    [Fact]
    public void GEOSEARCHSTORE_stores_what_GEOSEARCH_returns_with_hashes_or_distances()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        var points = RandomPoints(5_000, seed: 9, maxLat: 60);
        AddAll(c, "g", points);
        string[] search = ["FROMLONLAT", "10", "45", "BYRADIUS", "3000", "km"];

        var withHash = c.Call(["GEOSEARCH", "g", .. search, "WITHHASH"]);
        Assert.Equal(":", c.Call(["GEOSEARCHSTORE", "dst", "g", .. search])[..1]);
        var stored = c.Call("ZRANGE", "dst", "0", "-1", "WITHSCORES");
        var hashes = ParsePairs(withHash).ToDictionary(p => p.Member, p => p.Value);
        var storedScores = ParseFlatPairs(stored);
        Assert.True(storedScores.Count > 128, "the result should cross the listpack limit");
        Assert.Equal(hashes.Count, storedScores.Count);
        foreach (var (member, score) in storedScores) Assert.Equal(hashes[member], score);
        Assert.Equal("$8\r\nskiplist\r\n", c.Call("OBJECT", "ENCODING", "dst"));

        var withDist = ParsePairs(c.Call(["GEOSEARCH", "g", .. search, "WITHDIST"])).ToDictionary(p => p.Member, p => p.Value);
        c.Call(["GEOSEARCHSTORE", "dst", "g", .. search, "STOREDIST"]);
        foreach (var (member, distance) in ParseFlatPairs(c.Call("ZRANGE", "dst", "0", "-1", "WITHSCORES")))
            Assert.True(Math.Abs(withDist[member] - distance) <= 0.00005, $"{member}: {withDist[member]} vs {distance}");

        // A small result is a listpack, and the destination's TTL goes with the old value.
        Assert.Equal(":1\r\n", c.Call("EXPIRE", "dst", "1000"));
        Assert.Equal(":3\r\n", c.Call(["GEOSEARCHSTORE", "dst", "g", .. search, "COUNT", "3"]));
        Assert.Equal("$8\r\nlistpack\r\n", c.Call("OBJECT", "ENCODING", "dst"));
        Assert.Equal(":-1\r\n", c.Call("TTL", "dst"));
        var nearest = Members(c.Call(["GEOSEARCH", "g", .. search, "COUNT", "3"]));
        Assert.Equal(nearest.Order(), Members(c.Call("ZRANGE", "dst", "0", "-1")).Order());
    }

    /// <summary>[member, value] pairs of a WITHHASH or WITHDIST reply.</summary>
    private static List<(string Member, double Value)> ParsePairs(string reply)
    {
        var lines = reply.Split("\r\n");
        var pairs = new List<(string, double)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("*2")) continue;
            var member = lines[i + 2];
            var value = lines[i + 3].StartsWith(':') ? lines[i + 3][1..] : lines[i + 4];
            pairs.Add((member, double.Parse(value, CultureInfo.InvariantCulture)));
            i += 3;
        }
        return pairs;
    }

    /// <summary>member, score, member, score... of ZRANGE WITHSCORES (RESP2).</summary>
    private static List<(string Member, double Score)> ParseFlatPairs(string reply)
    {
        var members = Members(reply);
        var pairs = new List<(string, double)>();
        for (var i = 0; i < members.Count; i += 2) pairs.Add((members[i], double.Parse(members[i + 1], CultureInfo.InvariantCulture)));
        return pairs;
    }

    private static List<string> CaptureLog(TestServer server)
    {
        var log = new List<string>();
        server.OnLoop(s =>
        {
            s.Persistence = new PersistenceStatus
            {
                Feed = (db, args) =>
                {
                    var parts = new string[args.Count];
                    for (var i = 0; i < args.Count; i++) parts[i] = Encoding.UTF8.GetString(args[i]);
                    lock (log) log.Add(string.Join(' ', parts));
                },
            };
            return 0;
        });
        return log;
    }

    private static string[] Logged(TestServer server, List<string> log)
    {
        server.OnLoop(_ => 0);
        lock (log) return [.. log];
    }

    [Fact]
    public void GEOADD_is_logged_as_the_ZADD_of_its_scores_and_searches_that_store_are_logged_as_sent()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        var log = CaptureLog(server);
        Assert.Equal(":2\r\n", c.Call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"));
        Assert.Equal(":0\r\n", c.Call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo"));          // unchanged: not logged
        Assert.Equal(":1\r\n", c.Call("GEOADD", "Sicily", "NX", "CH", "12", "40", "X", "13", "38", "Palermo"));
        Assert.Equal(":0\r\n", c.Call("GEOADD", "Sicily", "XX", "12", "40", "Y"));                       // nothing: not logged
        c.Call("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "300", "km");                 // read only
        c.Call("GEORADIUS", "Sicily", "15", "37", "200", "km");                                          // no STORE: not logged
        Assert.Equal(":2\r\n", c.Call("GEOSEARCHSTORE", "near", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"));
        Assert.Equal(":0\r\n", c.Call("GEOSEARCHSTORE", "none", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km")); // nothing to delete
        Assert.Equal(":2\r\n", c.Call("GEORADIUS", "Sicily", "15", "37", "200", "km", "STOREDIST", "d"));
        Assert.Equal(":0\r\n", c.Call("GEORADIUS", "Sicily", "0", "0", "1", "m", "STORE", "d"));          // deletes d: logged
        Assert.Equal(
            [
                "zadd Sicily 3479099956230698 Palermo 3479447370796909 Catania",
                "zadd Sicily NX CH " + GeoHash.Score(12, 40) + " X " + GeoHash.Score(13, 38) + " Palermo",
                "GEOSEARCHSTORE near Sicily FROMLONLAT 15 37 BYRADIUS 200 km",
                "GEORADIUS Sicily 15 37 200 km STOREDIST d",
                "GEORADIUS Sicily 0 0 1 m STORE d",
            ],
            Logged(server, log));

        // Replaying the log gives the same data.
        using var replica = TestServer.Start();
        using var r = replica.Connect();
        foreach (var line in Logged(server, log)) r.Call(line.Split(' '));
        foreach (var key in new[] { "Sicily", "near", "d" })
            Assert.Equal(c.Call("ZRANGE", key, "0", "-1", "WITHSCORES"), r.Call("ZRANGE", key, "0", "-1", "WITHSCORES"));
        Assert.Equal(c.Call("GEOPOS", "Sicily", "Palermo", "X", "Catania"), r.Call("GEOPOS", "Sicily", "Palermo", "X", "Catania"));
    }

    [Fact]
    public void GEOADD_on_a_key_a_client_waits_on_with_BZPOPMIN_serves_it()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        using var c = server.Connect();
        Assert.Equal(":1\r\n", c.Call("GEOADD", "g", "13.361389", "38.115556", "Palermo"));
        Assert.Equal(":1\r\n", c.Call("ZREM", "g", "Palermo"));
        waiter.Send("BZPOPMIN", "g", "0");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.OnLoop(s => s.Blocking.Count) < 1 && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(":1\r\n", c.Call("GEOADD", "g", "15.087269", "37.502669", "Catania"));
        Assert.Equal("*3\r\n" + Bulk("g") + Bulk("Catania") + Bulk("3479447370796909"), waiter.ReadReply());
    }

    [Fact]
    public void An_AOF_rewrite_of_a_geo_index_recreates_the_same_geohash_scores_and_positions()
    {
        using var source = TestServer.Start();
        using var c = source.Connect();
        AddAll(c, "small", RandomPoints(20, seed: 13, maxLat: 85));
        AddAll(c, "big", RandomPoints(500, seed: 14, maxLat: 85));
        c.Call("GEOADD", "small", "180", "85.05112878", "corner", "-180", "-85.05112878", "other");
        var keys = new[] { "small", "big" };
        var commands = source.OnLoop(s => keys
            .SelectMany(k => ((SortedSetValue)s.Databases[0].Find(Encoding.ASCII.GetBytes(k)).Item!).RebuildCommands())
            .ToList());
        using var target = TestServer.Start();
        using var replay = target.Connect();
        foreach (var command in commands)
            Assert.StartsWith(":", replay.Call(command.Select(a => Encoding.UTF8.GetString(a)).ToArray()));
        foreach (var key in keys)
        {
            Assert.Equal(c.Call("ZRANGE", key, "0", "-1", "WITHSCORES"), replay.Call("ZRANGE", key, "0", "-1", "WITHSCORES"));
            Assert.Equal(c.Call("OBJECT", "ENCODING", key), replay.Call("OBJECT", "ENCODING", key));
        }
        Assert.Equal(c.Call("GEOPOS", "small", "corner", "other", "p3"), replay.Call("GEOPOS", "small", "corner", "other", "p3"));
        Assert.Equal(c.Call("GEOSEARCH", "big", "FROMMEMBER", "p7", "BYRADIUS", "3000", "km", "WITHDIST", "WITHHASH"),
            replay.Call("GEOSEARCH", "big", "FROMMEMBER", "p7", "BYRADIUS", "3000", "km", "WITHDIST", "WITHHASH"));
    }

    /// <summary>GEO_DIFF_N (commands, default 400) and GEO_DIFF_SEED (default 11) widen the run.</summary>
    [RequiresToolFact("redis-server")]
    public void A_random_sequence_of_geo_commands_gets_the_same_bytes_from_redis_server()
    {
        var dir = Directory.CreateTempSubdirectory("eventloopkv-geo-").FullName;
        try
        {
            using var redis = RedisServerProcess.Start(dir);
            using var server = TestServer.Start();
            using var theirs = new RawConnection(redis.Port);
            using var ours = server.Connect();
            var random = new Random(int.Parse(Environment.GetEnvironmentVariable("GEO_DIFF_SEED") ?? "11"));
            var commands = new List<string[]>();
            foreach (var chunk in RandomPoints(400, seed: 12, maxLat: 85).Chunk(50))
            {
                var args = new List<string> { "GEOADD", "g" };
                foreach (var (m, lon, lat) in chunk) args.AddRange([F(lon), F(lat), m]);
                commands.Add([.. args]);
            }
            string[] units = ["m", "km", "mi", "ft"];
            for (var i = 0; i < int.Parse(Environment.GetEnvironmentVariable("GEO_DIFF_N") ?? "400"); i++)
            {
                var lon = F(Math.Round(random.NextDouble() * 360 - 180, 4));
                var lat = F(Math.Round(random.NextDouble() * 170 - 85, 4));
                var unit = units[random.Next(units.Length)];
                var size = F(Math.Round(Math.Pow(10, random.NextDouble() * 4), 2) * (unit == "m" ? 1000 : unit == "ft" ? 3000 : 1));
                var size2 = F(Math.Round(Math.Pow(10, random.NextDouble() * 4), 2) * (unit == "m" ? 1000 : unit == "ft" ? 3000 : 1));
                var member = "p" + random.Next(400);
                var options = new List<string>();
                if (random.Next(2) == 0) options.Add("WITHDIST");
                if (random.Next(3) == 0) options.Add("WITHCOORD");
                if (random.Next(3) == 0) options.Add("WITHHASH");
                switch (random.Next(4))
                {
                    case 0: options.Add("ASC"); break;
                    case 1: options.Add("DESC"); break;
                }
                if (random.Next(3) == 0) options.AddRange(["COUNT", random.Next(1, 20).ToString(CultureInfo.InvariantCulture)]);
                if (options.Contains("COUNT") && random.Next(3) == 0) options.Add("ANY");
                string[] from = random.Next(2) == 0 ? ["FROMLONLAT", lon, lat] : ["FROMMEMBER", member];
                string[] by = random.Next(2) == 0 ? ["BYRADIUS", size, unit] : ["BYBOX", size, size2, unit];
                switch (random.Next(6))
                {
                    case 0: commands.Add(["GEOSEARCH", "g", .. from, .. by, .. options]); break;
                    case 1: commands.Add(["GEORADIUS_RO", "g", lon, lat, size, unit, .. options]); break;
                    case 2: commands.Add(["GEORADIUSBYMEMBER", "g", member, size, unit, .. options]); break;
                    case 3:
                        commands.Add(["GEOSEARCHSTORE", "s", "g", .. from, .. by, .. options.Where(o => !o.StartsWith("WITH")), .. random.Next(2) == 0 ? new[] { "STOREDIST" } : []]);
                        commands.Add(["ZRANGE", "s", "0", "-1", "WITHSCORES"]);
                        break;
                    case 4:
                        commands.Add(["GEODIST", "g", member, "p" + random.Next(400), unit]);
                        string[] flags = random.Next(3) switch { 0 => ["NX"], 1 => ["XX", "CH"], _ => ["CH"] };
                        commands.Add(["GEOADD", "g", .. flags, lon, lat, member, lat, lon, "q" + random.Next(50)]);
                        break;
                    default: commands.Add(["GEOPOS", "g", member, "p" + random.Next(400), "nope"]); commands.Add(["GEOHASH", "g", member]); break;
                }
            }
            var withResults = 0;
            foreach (var command in commands)
            {
                var expected = theirs.Call(command);
                Assert.Equal((string.Join(' ', command), expected), (string.Join(' ', command), ours.Call(command)));
                if (command[0] is "GEOSEARCH" or "GEORADIUS_RO" or "GEORADIUSBYMEMBER" && expected.StartsWith('*') && expected != "*0\r\n") withResults++;
            }
            Assert.True(withResults > commands.Count / 10, $"only {withResults} searches found something");
            // The same reads again in RESP3 (coordinates become doubles, nulls change form).
            theirs.Call("HELLO", "3");
            ours.Call("HELLO", "3");
            foreach (var command in commands.Where(c => c[0] is not ("GEOADD" or "GEOSEARCHSTORE")))
                Assert.Equal(("RESP3 " + string.Join(' ', command), theirs.Call(command)), ("RESP3 " + string.Join(' ', command), ours.Call(command)));
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
