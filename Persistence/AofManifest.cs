using System.Text;

namespace EventLoopKv.Persistence;

/// <summary>The kinds of file a manifest names, with Redis 7's one-letter codes.</summary>
public enum AofFileType
{
    /// <summary>'b': the base, a full dataset as commands.</summary>
    Base,
    /// <summary>'h': a file replaced by a rewrite, waiting to be deleted; never loaded.</summary>
    History,
    /// <summary>'i': the writes since the base, in order.</summary>
    Incremental,
}

public sealed record AofFileInfo(string Name, long Sequence, AofFileType Type);

/// <summary>
/// Redis 7's multi-part AOF manifest, one line per file:
/// <code>
/// file appendonly.aof.1.base.aof seq 1 type b
/// file appendonly.aof.1.incr.aof seq 1 type i
/// </code>
/// The base comes first, then the incremental files in the order they are replayed. The
/// manifest is replaced atomically (temporary file, fsync, rename, fsync of the directory), so
/// a crash leaves either the old or the new one, each naming files that exist.
/// </summary>
public sealed class AofManifest
{
    public const string Suffix = ".manifest";

    public AofFileInfo? Base { get; init; }
    public IReadOnlyList<AofFileInfo> Incremental { get; init; } = [];
    public IReadOnlyList<AofFileInfo> History { get; init; } = [];

    /// <summary>The base file, then every incremental file: the replay order.</summary>
    public IEnumerable<AofFileInfo> FilesToLoad => (Base is null ? [] : new[] { Base }).Concat(Incremental);

    public long NextIncrementalSequence => Incremental.Count == 0 ? 1 : Incremental.Max(f => f.Sequence) + 1;

    public long NextBaseSequence => (Base?.Sequence ?? 0) + 1;

    public static string ManifestName(string baseName) => baseName + Suffix;

    public static string BaseFileName(string baseName, long sequence) => $"{baseName}.{sequence}.base.aof";

    public static string IncrementalFileName(string baseName, long sequence) => $"{baseName}.{sequence}.incr.aof";

    /// <summary>Parses a manifest; throws <see cref="FormatException"/> naming the line that is wrong.</summary>
    public static AofManifest Parse(string text)
    {
        AofFileInfo? baseFile = null;
        var incremental = new List<AofFileInfo>();
        var history = new List<AofFileInfo>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length % 2 != 0) throw new FormatException($"Invalid AOF manifest file format (line {lineNumber})");
            string? name = null, type = null;
            long sequence = -1;
            for (var i = 0; i < words.Length; i += 2)
            {
                switch (words[i])
                {
                    case "file": name = words[i + 1]; break;
                    case "seq": sequence = long.TryParse(words[i + 1], out var s) ? s : -1; break;
                    case "type": type = words[i + 1]; break;
                    // Unknown keys are skipped, as Redis does, for forward compatibility.
                }
            }
            if (name is null || sequence < 0 || type is null || name.Contains('/'))
                throw new FormatException($"Invalid AOF manifest file format (line {lineNumber})");
            switch (type)
            {
                case "b":
                    if (baseFile is not null) throw new FormatException($"Found duplicate base file information (line {lineNumber})");
                    baseFile = new AofFileInfo(name, sequence, AofFileType.Base);
                    break;
                case "i":
                    if (incremental.Count > 0 && sequence <= incremental[^1].Sequence)
                        throw new FormatException($"Found a non-monotonic sequence number (line {lineNumber})");
                    incremental.Add(new AofFileInfo(name, sequence, AofFileType.Incremental));
                    break;
                case "h":
                    history.Add(new AofFileInfo(name, sequence, AofFileType.History));
                    break;
                default:
                    throw new FormatException($"Unknown AOF file type '{type}' (line {lineNumber})");
            }
        }
        if (baseFile is null && incremental.Count == 0) throw new FormatException("Found an empty AOF manifest");
        return new AofManifest { Base = baseFile, Incremental = incremental, History = history };
    }

    public string Format()
    {
        var text = new StringBuilder();
        if (Base is not null) Line(text, Base, 'b');
        foreach (var file in History) Line(text, file, 'h');
        foreach (var file in Incremental) Line(text, file, 'i');
        return text.ToString();
    }

    private static void Line(StringBuilder text, AofFileInfo file, char type) =>
        text.Append("file ").Append(file.Name).Append(" seq ").Append(file.Sequence).Append(" type ").Append(type).Append('\n');

    /// <summary>Reads the manifest of <paramref name="directory"/>, or null when there is none.</summary>
    public static AofManifest? Load(string directory, string baseName)
    {
        var path = Path.Combine(directory, ManifestName(baseName));
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
    }

    /// <summary>Replaces the manifest atomically: temporary file, fsync, rename, fsync of the directory.</summary>
    public void Save(string directory, string baseName)
    {
        var path = Path.Combine(directory, ManifestName(baseName));
        var temporary = Path.Combine(directory, "temp-" + ManifestName(baseName));
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(Format()));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        DurableFiles.SyncDirectory(directory);
    }
}
