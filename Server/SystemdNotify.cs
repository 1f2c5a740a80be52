using System.Net.Sockets;
using System.Text;
using EventLoopKv.Server.Configuration;

namespace EventLoopKv.Server;

/// <summary>
/// supervised systemd: the sd_notify protocol that Redis speaks through libsystemd, written
/// out: one datagram per state to the Unix socket named by NOTIFY_SOCKET ("@name" = abstract
/// socket). Debian's redis-server.service is Type=notify and passes --supervised systemd, so
/// systemd counts the service as started only once READY=1 arrives.
/// </summary>
internal static class SystemdNotify
{
    private static string? SocketPath => Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 } path ? path : null;

    /// <summary>Redis's redisIsSupervised: "systemd", or "auto" when NOTIFY_SOCKET is set and UPSTART_JOB is not.</summary>
    public static bool IsRequested(ServerConfig config) =>
        config.Supervised == "systemd"
        || (config.Supervised == "auto" && Environment.GetEnvironmentVariable("UPSTART_JOB") is null && SocketPath is not null);

    /// <summary>Sends one state such as "READY=1\n"; false when there is no socket or nothing listens on it.</summary>
    public static bool Send(string state)
    {
        if (SocketPath is not { } path) return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
