using System.Runtime.InteropServices;
using EventLoopKv.Server;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Storage;

// eventloopkv-server [CONFIGFILE] [--flag value ...]: start-up, signals and exit codes.
// Every start-up problem is one line on standard error and exit status 1; never a stack trace.

var action = StartupSettings.Parse(args, out var config, out var error, out var helpText, out var checkAof);
if (error is not null)
{
    Console.Error.WriteLine($"eventloopkv-server: {error}");
    return 1;
}
switch (action)
{
    case StartupAction.Help:
        Console.WriteLine(helpText);
        return 0;
    case StartupAction.CheckAof:
        return EventLoopKv.Persistence.AofCheck.Run(checkAof.Path, checkAof.Fix, config.AppendFilename, Console.Out);
    case StartupAction.Version:
        Console.WriteLine($"EventLoopKv server v={ServerInfo.Version} redis-compatible={ServerInfo.RedisVersion} runtime=.NET {Environment.Version}");
        return 0;
}

// Redis refuses to start with a log file it cannot open ("Can't open the log file").
if (config.LogFile.Length > 0)
{
    try
    {
        File.AppendAllText(config.LogFile, "");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"eventloopkv-server: can't open the log file: {e.Message}");
        return 1;
    }
}
var log = new Log(config.LogLevel, config.LogFile);
var supervisedBySystemd = SystemdNotify.IsRequested(config);
if (supervisedBySystemd)
{
    if (SystemdNotify.Send("STATUS=EventLoopKv is loading...\n"))
        log.Notice("Supervised by systemd. Please make sure you set appropriate values for TimeoutStartSec and TimeoutStopSec in your service unit.");
    else
        log.Warning("systemd supervision requested or auto-detected, but NOTIFY_SOCKET not found!");
}
var configFile = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;
var server = new RedisServer(config, SystemClock.Instance, log, configFile);
if (config.AppendOnly)
{
    try
    {
        server.Aof = EventLoopKv.Server.Aof.AppendOnlyFile.OpenAtStartup(server);
    }
    catch (Exception e) when (e is EventLoopKv.Server.Aof.AofLoadException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"eventloopkv-server: can't load the append only file: {e.Message}");
        return 1;
    }
}

using var loop = new EventLoop(server);
try
{
    loop.Listen();
}
catch (IOException e)
{
    Console.Error.WriteLine($"eventloopkv-server: could not listen: {e.Message}");
    return 1;
}

log.Notice($"EventLoopKv {ServerInfo.Version} (Redis {ServerInfo.RedisVersion} compatible), pid={Environment.ProcessId}, .NET {Environment.Version}");
log.Notice($"Running mode=standalone, port={loop.Port}.");
foreach (var warning in UnsupportedSettings.Warnings(config)) log.Warning(warning);
var pidFileWritten = WritePidFile(config.PidFile);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Shutdown);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Shutdown);
loop.Start();
log.Notice("Ready to accept connections tcp");
if (supervisedBySystemd)
{
    SystemdNotify.Send("STATUS=Ready to accept connections\n");
    SystemdNotify.Send("READY=1\n");
}
loop.WaitForExit();
if (supervisedBySystemd) SystemdNotify.Send("STOPPING=1\n");
if (pidFileWritten)
{
    log.Notice("Removing the pid file.");
    try { File.Delete(config.PidFile); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
}
log.Notice("EventLoopKv is now ready to exit, bye bye...");
return 0;

// Like Redis, a pid file that cannot be written is a warning, not a reason to stay down.
bool WritePidFile(string path)
{
    if (path.Length == 0) return false;
    try
    {
        File.WriteAllText(path, $"{Environment.ProcessId}\n");
        return true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        log.Warning($"Failed to write PID file: {e.Message}");
        return false;
    }
}

void Shutdown(PosixSignalContext context)
{
    context.Cancel = true;
    log.Warning($"Received {(context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM")} scheduling shutdown...");
    loop.Stop();
}
