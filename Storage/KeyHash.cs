using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The hash of a key's bytes: XxHash3 with a seed chosen at start-up, so a client cannot
/// precompute keys that collide (Redis seeds siphash for the same reason).
/// </summary>
public static class KeyHash
{
    private static readonly long Seed = Random.Shared.NextInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(ReadOnlySpan<byte> key) => (int)XxHash3.HashToUInt64(key, Seed);
}
