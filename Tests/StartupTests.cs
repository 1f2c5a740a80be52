using System.Diagnostics;

namespace EventLoopKv.Tests;

/// <summary>
/// The published executable, started as a user would: flags, config files and their errors
/// (one clear line, exit status 1), the start-up log, signals and SHUTDOWN.
/// Needs `./build.sh` to have published artifacts/server (./build.sh test does it first).
/// </summary>
public sealed class StartupTests
{
    private static (int ExitCode, string Out, string Err) Run(params string[] args) => Infrastructure.ServerProcess.Run(args);

    [Theory]
    [InlineData("eventloopkv-server: unknown flag '--bogus' (see --help)", "--bogus", "1")]
    [InlineData("eventloopkv-server: --port: invalid value 'abc' for 'port': argument couldn't be parsed into an integer", "--port", "abc")]
    [InlineData("eventloopkv-server: --appendfsync: invalid value 'sometimes' for 'appendfsync': argument(s) must be one of the following: always, everysec, no", "--appendfsync", "sometimes")]
    [InlineData("eventloopkv-server: --hz: invalid value '0' for 'hz': argument must be between 1 and 500 inclusive", "--hz", "0")]
    [InlineData("eventloopkv-server: --busy-poll-us: invalid value '-1' for 'busy-poll-us': argument must be between 0 and 1000 inclusive", "--busy-poll-us", "-1")]
    public void A_bad_flag_prints_one_line_and_exits_1(string expected, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(1, code);
        Assert.Equal(expected, error.TrimEnd('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void An_unreadable_config_file_is_named_in_one_line()
    {
        var (code, _, error) = Run("/nonexistent/redis.conf");
        Assert.Equal(1, code);
        Assert.StartsWith("eventloopkv-server: can't read config file '/nonexistent/redis.conf': ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_bad_directive_names_its_line()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "# comment\nport 6390\nfrobnicate yes\n");
        var (code, _, error) = Run(file);
        Assert.Equal(1, code);
        Assert.Equal($"eventloopkv-server: config file '{file}' line 3: unknown setting 'frobnicate'", error.TrimEnd('\n'));
    }

    [Fact]
    public void Help_and_version_print_and_exit_0()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("--appendfsync", output);
        (code, output, _) = Run("--version");
        Assert.Equal(0, code);
        Assert.StartsWith("EventLoopKv server v=", output);
    }

    [Fact]
    public void A_config_file_is_read_flags_override_it_and_SIGTERM_stops_the_server_cleanly()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "port 1\n# flags below override this\nrequirepass \"pass word\"\nhz 20\nappendonly no\nbusy-poll-us 7\n");
        using var server = new Infrastructure.ServerProcess(file);
        Assert.Contains($"port={server.Port}", server.StartupLog);
        Assert.Contains($"pid={server.Pid}", server.StartupLog);
        using (var client = server.Connect())
        {
            Assert.Equal("-NOAUTH Authentication required.\r\n", client.Call("PING"));
            Assert.Equal("+OK\r\n", client.Call("AUTH", "pass word"));
            Assert.Equal("*2\r\n$2\r\nhz\r\n$2\r\n20\r\n", client.Call("CONFIG", "GET", "hz"));
            Assert.Equal("*2\r\n$12\r\nbusy-poll-us\r\n$1\r\n7\r\n", client.Call("CONFIG", "GET", "busy-poll-us"));
            Assert.Equal("+OK\r\n", client.Call("CONFIG", "SET", "busy-poll-us", "0"));
        }
        Process.Start("kill", ["-TERM", server.Pid.ToString()]).WaitForExit();
        Assert.Equal(0, server.WaitForExit());
    }

    [Fact]
    public void SHUTDOWN_stops_the_server()
    {
        using var server = new Infrastructure.ServerProcess("--appendonly", "no");
        using (var client = server.Connect())
        {
            client.Send("SHUTDOWN", "NOSAVE");
            Assert.True(client.IsClosedByServer());
        }
        Assert.Equal(0, server.WaitForExit());
    }
}
