using CommandLine;

namespace EventLoopKv.Server.Configuration;

/// <summary>What the command line asked for: run a server, or print help or the version.</summary>
internal enum StartupAction { Run, Help, Version, CheckAof }

/// <summary>
/// Turns the command line (and the config file it names) into a <see cref="ServerConfig"/>.
/// Every problem becomes one line of text naming it, for the caller to print before exiting 1.
/// </summary>
internal static class StartupSettings
{
    public static StartupAction Parse(string[] args, out ServerConfig config, out string? error, out string helpText) =>
        Parse(args, out config, out error, out helpText, out _);

    public static StartupAction Parse(string[] args, out ServerConfig config, out string? error, out string helpText, out (string Path, bool Fix) checkAof)
    {
        config = new ServerConfig();
        error = null;
        helpText = "";
        checkAof = ("", false);
        var table = config;
        var (parserArgs, flagSettings, splitError) = CommandLineOptions.Split(args, name => table.Find(name) is not null);
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null;
            s.AutoHelp = false;
            s.AutoVersion = false;
            s.CaseSensitive = true;
            s.EnableDashDash = true;
        });
        var result = parser.ParseArguments<CommandLineOptions>(parserArgs);
        // Built by hand: HelpText.AutoBuild applies its customisation to failed parses only.
        var help = new CommandLine.Text.HelpText($"eventloopkv-server {ServerInfo.Version}", "Usage: eventloopkv-server [/path/to/redis.conf] [--flag value ...]")
        {
            AddDashesToOption = true,
            AutoHelp = false,
            AutoVersion = false,
            AdditionalNewLineAfterOption = false,
            MaximumDisplayWidth = 120,
        };
        help.AddOptions(result);
        help.AddPostOptionsLines(SettingsHelp());
        helpText = help.ToString();
        if (result is NotParsed<CommandLineOptions> notParsed)
        {
            error = Describe(notParsed.Errors.First());
            return StartupAction.Run;
        }
        var options = ((Parsed<CommandLineOptions>)result).Value;
        if (options.Help) return StartupAction.Help;
        if (options.Version) return StartupAction.Version;
        if (splitError is not null)
        {
            error = splitError;
            return StartupAction.Run;
        }
        if (options.CheckAof is { } checkPath) checkAof = (checkPath, options.Fix);

        if (options.ConfigFile is { } file)
        {
            List<(string Name, string Value, int Line)> settings;
            try
            {
                settings = ConfigFile.Read(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                error = $"can't read config file '{file}': {e.Message}";
                return StartupAction.Run;
            }
            foreach (var (name, value, line) in settings)
            {
                var reason = Apply(config, name, value);
                if (reason is null) continue;
                error = $"config file '{file}' line {line}: {reason}";
                return StartupAction.Run;
            }
        }
        // In command-line order, after the file: a repeated flag's last value wins, as in redis-server.
        foreach (var (name, value) in flagSettings)
        {
            var reason = Apply(config, name, value);
            if (reason is null) continue;
            error = $"--{name}: {reason}";
            return StartupAction.Run;
        }
        return options.CheckAof is null ? StartupAction.Run : StartupAction.CheckAof;
    }

    /// <summary>The documented settings, laid out like the parser's own options.</summary>
    private static IEnumerable<string> SettingsHelp()
    {
        yield return "Settings (any redis.conf directive is accepted as --name value [value ...]; CONFIG GET * lists them):";
        yield return "";
        foreach (var (name, help) in CommandLineOptions.DocumentedSettings)
            yield return $"  --{name,-27} {help}";
    }

    private static string? Apply(ServerConfig config, string name, string value)
    {
        var parameter = config.Find(name);
        if (parameter is null) return $"unknown setting '{name}'";
        var reason = parameter.Set(value);
        return reason is null ? null : $"invalid value '{value}' for '{name}': {reason}";
    }

    private static string Describe(Error error) => error switch
    {
        UnknownOptionError u => $"unknown flag '--{u.Token}' (see --help)",
        MissingValueOptionError m => $"flag '--{m.NameInfo.LongName}' needs a value",
        RepeatedOptionError r => $"flag '--{r.NameInfo.LongName}' is given more than once",
        BadFormatConversionError b => $"bad value for '--{b.NameInfo.LongName}'",
        TokenError t => $"unexpected argument '{t.Token}' (see --help)",
        _ => $"invalid command line ({error.Tag}); see --help",
    };
}
