using System.Runtime.InteropServices;

namespace EventLoopKv.Persistence;

/// <summary>
/// Durability primitives .NET lacks: fsync of a directory, which makes a rename or a new file
/// survive a power cut, and fdatasync, the cheaper flush Redis uses for the AOF.
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

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fdatasync(int fd);

    /// <summary>
    /// Forces a file's data (and the size that reaches it) to disk. On Linux this is fdatasync,
    /// as Redis's redis_fsync: it skips the timestamp updates fsync also waits for, which is most
    /// of an append's fsync time on ext4. Elsewhere, the runtime's flush.
    /// </summary>
    public static void SyncData(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(file);
            return;
        }
        var added = false;
        file.DangerousAddRef(ref added);
        try
        {
            if (fdatasync((int)file.DangerousGetHandle()) < 0) throw new IOException($"fdatasync: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            if (added) file.DangerousRelease();
        }
    }

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
