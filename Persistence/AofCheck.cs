namespace EventLoopKv.Persistence;

/// <summary>
/// <c>eventloopkv-server --check-aof DIR [--fix]</c>, after redis-check-aof: reports, for each
/// file the manifest names, whether it is valid and where the last whole command ends; with
/// --fix a last file cut short by a crash is truncated to that point. Corruption anywhere else
/// is reported and left for a person to look at.
/// </summary>
public static class AofCheck
{
    /// <returns>The process exit code: 0 when everything is (now) valid, 1 otherwise.</returns>
    public static int Run(string path, bool fix, string baseName, TextWriter output)
    {
        List<string> files;
        if (File.Exists(path)) files = [path];
        else if (Directory.Exists(path))
        {
            AofManifest? manifest;
            try { manifest = AofManifest.Load(path, baseName); }
            catch (FormatException e)
            {
                output.WriteLine($"Invalid AOF manifest: {e.Message}");
                return 1;
            }
            if (manifest is null)
            {
                output.WriteLine($"No AOF manifest {AofManifest.ManifestName(baseName)} in {path}");
                return 1;
            }
            output.WriteLine("Start checking Multi Part AOF");
            files = manifest.FilesToLoad.Select(f => Path.Combine(path, f.Name)).ToList();
        }
        else
        {
            output.WriteLine($"Cannot open {path}: no such file or directory");
            return 1;
        }
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var isLast = i == files.Count - 1;
            if (!File.Exists(file))
            {
                output.WriteLine($"AOF {Path.GetFileName(file)} doesn't exist");
                return 1;
            }
            var size = new FileInfo(file).Length;
            var result = AofReader.Read(file, _ => { });
            output.WriteLine($"AOF analyzed: filename={Path.GetFileName(file)}, size={size}, ok_up_to={result.ValidLength}, diff={size - result.ValidLength}");
            switch (result.Outcome)
            {
                case AofReadOutcome.Complete:
                    output.WriteLine($"AOF {Path.GetFileName(file)} is valid");
                    break;
                case AofReadOutcome.Truncated when fix && isLast:
                    using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write)) stream.SetLength(result.ValidLength);
                    output.WriteLine($"Successfully truncated AOF {Path.GetFileName(file)} to {result.ValidLength} bytes");
                    break;
                case AofReadOutcome.Truncated:
                    output.WriteLine($"AOF {Path.GetFileName(file)} is not valid ({result.Error}). " +
                        (isLast ? "Use the --fix option to try fixing it." : "Only the last file may be truncated."));
                    return 1;
                default:
                    output.WriteLine($"AOF {Path.GetFileName(file)} format error: {result.Error}");
                    return 1;
            }
        }
        return 0;
    }
}
