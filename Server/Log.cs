namespace EventLoopKv.Server;

/// <summary>
/// Redis-style log lines (<c>pid:M 25 Nov 2026 10:00:00.000 * message</c>) to standard output or
/// --logfile. Called from the loop at start-up, shutdown and on rare events only.
/// </summary>
internal sealed class Log(string level, string file)
{
    private static readonly string[] Levels = ["debug", "verbose", "notice", "warning", "nothing"];
    private readonly int _threshold = Array.IndexOf(Levels, level);
    private readonly Lock _gate = new();

    public void Debug(string message) => Write(0, '.', message);
    public void Verbose(string message) => Write(1, '-', message);
    public void Notice(string message) => Write(2, '*', message);
    public void Warning(string message) => Write(3, '#', message);

    private void Write(int level, char mark, string message)
    {
        if (level < _threshold) return;
        var line = $"{Environment.ProcessId}:M {DateTime.Now.ToString("dd MMM yyyy HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)} {mark} {message}";
        // Background threads (the AOF writer) log too; one line must not interleave with another.
        lock (_gate)
        {
            if (file.Length == 0) Console.Out.WriteLine(line);
            else File.AppendAllText(file, line + Environment.NewLine);
        }
    }
}
