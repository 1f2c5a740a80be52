namespace EventLoopKv.Server.Configuration;

/// <summary>
/// Reads a redis.conf-style file: one <c>name value...</c> per line, <c>#</c> comments, values
/// in "double" or 'single' quotes. Returns the settings in file order; the caller applies them.
/// </summary>
internal static class ConfigFile
{
    public static List<(string Name, string Value, int Line)> Read(string path)
    {
        var settings = new List<(string, string, int)>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var words = SplitWords(line)
                ?? throw new FormatException($"line {lineNumber}: unbalanced quotes in '{line}'");
            if (words.Count < 2 && words[0] is not ("save" or "requirepass" or "logfile"))
                throw new FormatException($"line {lineNumber}: '{words[0]}' needs a value");
            settings.Add((words[0].ToLowerInvariant(), string.Join(' ', words.Skip(1)), lineNumber));
        }
        return settings;
    }

    private static List<string>? SplitWords(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) break;
            var word = new System.Text.StringBuilder();
            if (line[i] is '"' or '\'')
            {
                var quote = line[i++];
                while (i < line.Length && line[i] != quote)
                {
                    if (line[i] == '\\' && i + 1 < line.Length && quote == '"') i++;
                    word.Append(line[i++]);
                }
                if (i >= line.Length) return null;
                i++;
            }
            else
            {
                while (i < line.Length && !char.IsWhiteSpace(line[i])) word.Append(line[i++]);
            }
            words.Add(word.ToString());
        }
        return words;
    }
}
