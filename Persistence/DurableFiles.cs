using System.Runtime.InteropServices;

namespace EventLoopKv.Persistence;

/// <summary>
/// The one durability primitive .NET lacks: fsync of a directory, which makes a rename or a new
/// file survive a power cut (FileStream.Flush(true) covers a file's own contents).
/// </summary>
public static partial class DurableFiles
{
    private const int O_RDONLY = 0;
    private const int O_DIRECTORY = 0x10000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // Windows has no directory fsync
        var fd = open(directory, O_RDONLY | O_DIRECTORY);
        if (fd < 0) throw new IOException($"open {directory}: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (fsync(fd) < 0) throw new IOException($"fsync {directory}: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            close(fd);
        }
    }
}
