namespace EventLoopKv.Storage;

/// <summary>The value types of Redis: a small closed set, so WRONGTYPE is one comparison.</summary>
public enum RedisType : byte
{
    String,
    List,
    Set,
    SortedSet,
    Hash,
    Stream,
}

public static class RedisTypeNames
{
    /// <summary>The TYPE command's answer.</summary>
    public static string Name(RedisType type) => type switch
    {
        RedisType.String => "string",
        RedisType.List => "list",
        RedisType.Set => "set",
        RedisType.SortedSet => "zset",
        RedisType.Hash => "hash",
        RedisType.Stream => "stream",
        _ => "none",
    };
}
