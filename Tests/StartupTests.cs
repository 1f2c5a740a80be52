using System.Diagnostics;
using System.Net.Sockets;

namespace EventLoopKv.Tests;

/// <summary>
/// The published executable, started as a user would: flags, config files and their errors
/// (one clear line, exit status 1), the start-up log, signals and SHUTDOWN.
/// Needs `./build.sh` to have published artifacts/server (./build.sh test does it first).
/// </summary>
public sealed class StartupTests
{
    private static string ServerPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventLoopKv.sln"))) dir = dir.Parent;
            var path = Path.Combine(dir!.FullName, "artifacts", "server", "eventloopkv-server");
            Assert.True(File.Exists(path), $"{path} is missing: run ./build.sh first");
            return path;
        }
    }

    private static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo(ServerPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000)) { process.Kill(); Assert.Fail("the server did not exit"); }
        return (process.ExitCode, output.Result, error.Result);
    }

    [Theory]
    [InlineData("eventloopkv-server: unknown flag '--bogus' (see --help)", "--bogus", "1")]
    [InlineData("eventloopkv-server: --port: invalid value 'abc' for 'port': argument couldn't be parsed into an integer", "--port", "abc")]
    [InlineData("eventloopkv-server: --appendfsync: invalid value 'sometimes' for 'appendfsync': argument(s) must be one of the following: always, everysec, no", "--appendfsync", "sometimes")]
    [InlineData("eventloopkv-server: --hz: invalid value '0' for 'hz': argument must be between 1 and 500 inclusive", "--hz", "0")]
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
        var port = FreePort();
        var file = Path.GetTempFileName();
        File.WriteAllText(file, $"port 1\n# flags below override this\nrequirepass \"pass word\"\nhz 20\n");
        var start = new ProcessStartInfo(ServerPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { file, "--port", port.ToString(), "--appendonly", "no" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        while (!log.ToString().Contains("Ready to accept connections"))
        {
            var line = process.StandardOutput.ReadLine() ?? throw new Xunit.Sdk.XunitException($"server exited: {process.StandardError.ReadToEnd()}");
            log.AppendLine(line);
        }
        Assert.Contains($"port={port}", log.ToString());
        Assert.Contains($"pid={process.Id}", log.ToString());
        using (var client = new Infrastructure.RawConnection(port))
        {
            Assert.Equal("-NOAUTH Authentication required.\r\n", client.Call("PING"));
            Assert.Equal("+OK\r\n", client.Call("AUTH", "pass word"));
            Assert.Equal("*2\r\n$2\r\nhz\r\n$2\r\n20\r\n", client.Call("CONFIG", "GET", "hz"));
        }
        Process.Start("kill", ["-TERM", process.Id.ToString()]).WaitForExit();
        Assert.True(process.WaitForExit(10_000));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void SHUTDOWN_stops_the_server()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(ServerPath, ["--port", port.ToString()]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        while (process.StandardOutput.ReadLine() is { } line && !line.Contains("Ready to accept connections")) { }
        using (var client = new Infrastructure.RawConnection(port))
        {
            client.Send("SHUTDOWN", "NOSAVE");
            Assert.True(client.IsClosedByServer());
        }
        Assert.True(process.WaitForExit(10_000));
        Assert.Equal(0, process.ExitCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
