namespace EventLoopKv.Storage;

/// <summary>
/// Wall-clock milliseconds since the Unix epoch, the unit of every expiry. Injected so tests
/// move time by hand instead of sleeping.
/// </summary>
public abstract class Clock
{
    public abstract long UnixTimeMilliseconds();
}

public sealed class SystemClock : Clock
{
    public static readonly SystemClock Instance = new();

    public override long UnixTimeMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

/// <summary>A clock that stands still until told to move.</summary>
public sealed class ManualClock(long startMilliseconds) : Clock
{
    public long Now { get; set; } = startMilliseconds;

    public void Advance(long milliseconds) => Now += milliseconds;

    public override long UnixTimeMilliseconds() => Now;
}
