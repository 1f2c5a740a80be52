using EventLoopKv.Storage;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>The segmented key table: growth, SCAN's guarantee under concurrent writes, snapshots.</summary>
public sealed class KeyspaceTests
{
    private sealed class NoEvents : IKeyspaceEvents
    {
        public void KeyExpired(Database database, ReadOnlySpan<byte> key) { }
        public void KeyAdded(Database database, ReadOnlySpan<byte> key) { }
    }

    private static byte[] Key(int i) => System.Text.Encoding.ASCII.GetBytes($"key:{i}");

    [Fact]
    public void A_million_keys_survive_every_segment_split()
    {
        var db = new Database(0, new ManualClock(1), new NoEvents());
        for (var i = 0; i < 1_000_000; i++) db.SetString(Key(i), BitConverter.GetBytes(i));
        Assert.Equal(1_000_000, db.Count);
        for (var i = 0; i < 1_000_000; i += 997)
            Assert.Equal(i, BitConverter.ToInt32(StringBlob.Value((byte[])db.Find(Key(i)).Item!)));
        for (var i = 0; i < 1_000_000; i += 2) Assert.True(db.Delete(Key(i)));
        Assert.Equal(500_000, db.Count);
        Assert.False(db.Exists(Key(0)));
        Assert.True(db.Exists(Key(1)));
    }

    [Fact]
    public void A_full_SCAN_returns_every_key_present_throughout_while_others_are_added_and_removed()
    {
        var db = new Database(0, new ManualClock(1), new NoEvents());
        for (var i = 0; i < 20_000; i++) db.SetString(Key(i), "v"u8);
        var seen = new HashSet<string>();
        ulong cursor = 0;
        var churn = 20_000;
        do
        {
            cursor = db.Scan(cursor, 100, item => seen.Add(System.Text.Encoding.ASCII.GetString(Entry.KeyOf(item))));
            // Between calls the table grows (splits) and shrinks: new keys and deletions of churned ones.
            for (var j = 0; j < 300; j++) db.SetString(Key(churn++), "v"u8);
            for (var j = 0; j < 100; j++) db.Delete(Key(churn - 200 - j)); // only keys added during the scan
        } while (cursor != 0);
        for (var i = 0; i < 20_000; i++) Assert.Contains($"key:{i}", seen);
    }

    [Fact]
    public void A_snapshot_sees_the_table_as_it_was_at_its_start()
    {
        var db = new Database(0, new ManualClock(1), new NoEvents());
        for (var i = 0; i < 10_000; i++) db.SetString(Key(i), "before"u8);
        var snapshot = db.BeginSnapshot();
        for (var i = 0; i < 10_000; i++) db.SetString(Key(i), "after!"u8); // same length: would be in place without the snapshot
        for (var i = 10_000; i < 30_000; i++) db.SetString(Key(i), "new"u8);
        for (var i = 0; i < 5_000; i++) db.Delete(Key(i));
        var frozen = snapshot.Entries().ToList();
        db.EndSnapshot();
        Assert.Equal(10_000, frozen.Count);
        Assert.All(frozen, e => Assert.Equal("before", System.Text.Encoding.ASCII.GetString(StringBlob.Value((byte[])e.Item!))));
        Assert.Equal(25_000, db.Count);
    }

    [Fact]
    public void SCAN_over_the_wire_walks_a_big_keyspace_with_cursors()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        for (var i = 0; i < 3000; i++) c.Send("SET", $"k{i}", "v");
        for (var i = 0; i < 3000; i++) c.ReadReply();
        var keys = new HashSet<string>();
        var cursor = "0";
        var calls = 0;
        do
        {
            var reply = c.Call("SCAN", cursor, "COUNT", "100");
            var lines = reply.Split("\r\n");
            cursor = lines[2];
            for (var i = 4; i + 1 < lines.Length; i += 2) keys.Add(lines[i + 1]);
            calls++;
        } while (cursor != "0");
        Assert.Equal(3000, keys.Count);
        Assert.True(calls > 10, "COUNT 100 over 3000 keys should take many calls");
    }
}
