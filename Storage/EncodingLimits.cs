namespace EventLoopKv.Storage;

/// <summary>
/// When a small collection stops being compact, with Redis's knobs and defaults
/// (CONFIG SET hash-max-listpack-entries etc. writes these). A collection converts to its large
/// encoding once it crosses a limit and never converts back, as in Redis.
/// </summary>
public static class EncodingLimits
{
    public static int HashMaxListpackEntries = 512;
    public static int HashMaxListpackValue = 64;
    public static int ZsetMaxListpackEntries = 128;
    public static int ZsetMaxListpackValue = 64;
    public static int SetMaxIntsetEntries = 512;
    /// <summary>Positive: entries per quicklist node; -1..-5: node size 4, 8, 16, 32, 64 KB (Redis list-max-listpack-size).</summary>
    public static int ListMaxListpackSize = -2;
    public static int StreamNodeMaxBytes = 4096;
    public static int StreamNodeMaxEntries = 100;
}
