using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>SORT ... STORE writes its result as a list.</summary>
internal static partial class SortCommands
{
    static partial void CreateList(byte[] key, List<byte[]> items, ref RedisObject? list)
    {
        var value = new ListValue(key);
        foreach (var item in items) value.PushTail(item);
        list = value;
    }
}
