using System.Diagnostics;
using System.Net.Sockets;

namespace EventLoopKv.Tests.Infrastructure;

/// <summary>
/// The published eventloopkv-server (artifacts/server, made by ./build.sh) as a child process:
/// started with flags, waited for until "Ready to accept connections", stopped or SIGKILLed.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process = null!;

    public static string ExecutablePath
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

    public ServerProcess(params string[] args) : this(new Dictionary<string, string>(), args)
    {
    }

    /// <summary>Starts the server with these variables added to its environment (NOTIFY_SOCKET).</summary>
    public ServerProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // A port found free can be taken by another test before the server binds it: try again.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var start = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            foreach (var (name, value) in environment) start.Environment[name] = value;
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(Port.ToString());
            _process = Process.Start(start)!;
            var log = new System.Text.StringBuilder();
            string? line = null;
            while (!log.ToString().Contains("Ready to accept connections") && (line = _process.StandardOutput.ReadLine()) is not null)
                log.AppendLine(line);
            if (line is not null || log.ToString().Contains("Ready to accept connections"))
            {
                StartupLog = log.ToString();
                _process.StandardOutput.ReadToEndAsync(); // keep draining so the server never blocks on its log
                return;
            }
            var error = _process.StandardError.ReadToEnd();
            _process.Dispose();
            if (!error.Contains("Address already in use") || attempt == 3)
                throw new Xunit.Sdk.XunitException($"the server exited: {error}");
        }
    }

    public int Port { get; }
    public int Pid => _process.Id;
    public string StartupLog { get; } = "";

    public RawConnection Connect() => new(Port);

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or a power cut.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(20_000), "the server did not exit");
        return _process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs the executable to completion (flag errors, --check-aof) and returns what it printed.</summary>
    public static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000)) { process.Kill(); Assert.Fail("the server did not exit"); }
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
