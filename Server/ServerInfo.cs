namespace EventLoopKv.Server;

/// <summary>Identity reported by INFO, HELLO and --version.</summary>
internal static class ServerInfo
{
    /// <summary>The Redis version we are compatible with; clients branch on it (HELLO, INFO redis_version).</summary>
    public const string RedisVersion = "7.0.15";
    public const string Version = "0.1.0";
    public static readonly string RunId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}
