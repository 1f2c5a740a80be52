using System.Text.Json;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// Replays the cases recorded from redis-server 7.0.15 (Tests/Golden/*.jsonl, see its README)
/// against EventLoopKv and demands the same bytes, reply for reply: error texts, null forms,
/// RESP3 types and protocol errors included.
/// </summary>
public sealed class GoldenReplyTests
{
    public sealed record GoldenCase(string File, string Name, int Resp, JsonElement[] Commands, string[] Replies, bool Closes)
    {
        public override string ToString() => $"{File}: {Name}";
    }

    public static IEnumerable<object[]> Cases()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Golden");
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order())
        {
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                var json = JsonDocument.Parse(line).RootElement;
                var closes = json.TryGetProperty("closes", out var c) && c.GetBoolean();
                yield return
                [
                    new GoldenCase(
                        Path.GetFileNameWithoutExtension(file),
                        json.GetProperty("name").GetString()!,
                        json.TryGetProperty("resp", out var resp) ? resp.GetInt32() : 2,
                        json.GetProperty("commands").EnumerateArray().Select(e => e.Clone()).ToArray(),
                        json.GetProperty("replies").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                        closes),
                ];
            }
        }
    }

    [Fact]
    public void The_golden_files_hold_hundreds_of_cases()
    {
        Assert.True(Cases().Count() > 500, "the recorded cases were not copied next to the tests");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Replies_match_redis_byte_for_byte(GoldenCase golden)
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        if (golden.Resp == 3)
        {
            connection.Send("HELLO", "3");
            connection.ReadReply();
        }
        for (var i = 0; i < golden.Commands.Length; i++)
        {
            var command = golden.Commands[i];
            if (command.ValueKind == JsonValueKind.String) connection.SendRaw(command.GetString()!);
            else connection.Send(command.EnumerateArray().Select(a => a.GetString()!).ToArray());
            if (i < golden.Replies.Length)
                Assert.Equal(golden.Replies[i], connection.ReadReply());
        }
        if (golden.Closes) Assert.True(connection.IsClosedByServer(), "the server should close the connection");
    }
}
