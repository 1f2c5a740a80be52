using System.Text.Json;
using EventLoopKv.Server.Commands;

namespace EventLoopKv.Tests;

public sealed class CommandTableTests
{
    [Fact]
    public void Every_command_has_a_handler_or_subcommands_with_handlers()
    {
        foreach (var command in new CommandTable().All)
        {
            Assert.True(command.Handler is not null || command.Subcommands.Length > 0, $"{command.Name} has no handler");
            Assert.All(command.Subcommands, s => Assert.NotNull(s.Handler));
        }
    }

    /// <summary>Commands exercised by the typed tests rather than by the recorded goldens.</summary>
    private static readonly string[] TestedElsewhere =
    [
        "quit", "client|list", "client|info", "client|kill", "client|id", "client|setinfo", "client|help", "info", "time", "debug",
        "shutdown", "config|resetstat", "config|rewrite", "config|help", "command", "command|count", "command|info", "command|docs",
        "command|list", "command|help", "bgrewriteaof", "multi", "exec", "discard", "watch", "unwatch", "object|refcount", "object|help",
    ];

    [Fact]
    public void Every_command_is_exercised_by_a_golden_case_or_a_named_test()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Golden");
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(folder, "*.jsonl"))
        foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
        foreach (var command in JsonDocument.Parse(line).RootElement.GetProperty("commands").EnumerateArray())
        {
            if (command.ValueKind != JsonValueKind.Array) continue;
            var name = command[0].GetString()!;
            used.Add(name);
            if (command.GetArrayLength() > 1) used.Add($"{name}|{command[1].GetString()}");
        }
        var table = new CommandTable();
        var untested = table.All.SelectMany(c => c.Subcommands.Length > 0 ? c.Subcommands.Select(s => s.FullName) : [c.FullName])
            .Where(name => !used.Contains(name) && !TestedElsewhere.Contains(name))
            .ToList();
        Assert.Empty(untested);
    }

    [Fact]
    public void COMMAND_DOCS_and_COMMAND_INFO_come_from_the_table()
    {
        using var server = Infrastructure.TestServer.Start();
        using var c = server.Connect();
        Assert.Equal($":{new CommandTable().All.Count}\r\n", c.Call("COMMAND", "COUNT"));
        Assert.Equal("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@fast\r\n+@string\r\n*0\r\n*0\r\n*0\r\n",
            c.Call("COMMAND", "INFO", "get"));
        Assert.Equal("*2\r\n$3\r\nget\r\n*6\r\n$7\r\nsummary\r\n$22\r\nGet the value of a key\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n",
            c.Call("COMMAND", "DOCS", "get"));
    }

    [Fact]
    public void Commands_whose_keys_come_from_their_arguments_report_movablekeys()
    {
        using var server = Infrastructure.TestServer.Start();
        using var c = server.Connect();
        Assert.StartsWith("*1\r\n*10\r\n$11\r\nzunionstore\r\n:-4\r\n*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n",
            c.Call("COMMAND", "INFO", "zunionstore"));
        Assert.DoesNotContain("movablekeys", c.Call("COMMAND", "INFO", "get"));
    }
}
