namespace EventLoopKv.Tests.Infrastructure;

/// <summary>
/// A fact that needs an external program (redis-cli, redis-benchmark, redis-server). Where the
/// program is missing the test is reported as skipped, naming it; CI installs them so they run.
/// </summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalTools.Find(t) is null).ToList();
        if (missing.Count > 0) Skip = $"needs {string.Join(", ", missing)} on PATH (apt-get install redis-tools redis-server)";
    }
}

public static class ExternalTools
{
    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
