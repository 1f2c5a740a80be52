using System.Diagnostics;
using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Server.Commands;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Storage;

namespace EventLoopKv.Server;

/// <summary>
/// The server's state and its command dispatcher: databases, connected clients, statistics and
/// the command table. Everything here is touched by the loop thread only; the
/// <see cref="EventLoop"/> does the socket IO and calls <see cref="Execute"/> per command.
/// </summary>
internal sealed class RedisServer : IKeyspaceEvents
{
    private readonly Dictionary<long, Client> _clients = [];
    private long _nextClientId;

    public RedisServer(ServerConfig config, Clock clock, Log log, string? configFile = null)
    {
        Config = config;
        Clock = clock;
        Log = log;
        ConfigFile = configFile is null ? null : Path.GetFullPath(configFile);
        Databases = new Database[config.Databases];
        for (var i = 0; i < Databases.Length; i++) Databases[i] = new Database(i, clock, this);
        StartedAtMs = clock.UnixTimeMilliseconds();
        Blocking = new Blocking.BlockedClients(this);
        RewriteWhileOff = new Aof.RewriteWhileOff(this);
    }

    public ServerConfig Config { get; }
    public Clock Clock { get; }
    public Log Log { get; }
    public string? ConfigFile { get; }
    public Database[] Databases { get; }
    public CommandTable Commands { get; } = new();
    public ServerStats Stats { get; } = new();
    public WatchedKeys Watches { get; } = new();
    public Blocking.BlockedClients Blocking { get; }
    public long StartedAtMs { get; }

    /// <summary>
    /// Wall-clock ms cached once per loop iteration (Redis's server.mstime): for bookkeeping such
    /// as idle times, where a fresh clock read per command is not worth its cost. Expiry uses
    /// <see cref="Clock"/> directly.
    /// </summary>
    public long CachedNowMs { get; private set; }

    public void RefreshCachedTime() => CachedNowMs = Clock.UnixTimeMilliseconds();
    public int Port { get; set; }
    public string LocalAddress => $"{Config.Bind[0].TrimStart('-')}:{Port}";
    public bool Loading { get; set; }
    public bool ActiveExpireEnabled { get; set; } = true;
    /// <summary>
    /// Also receives every propagated effect (database, arguments), after the AOF: tests observe
    /// what would be logged through it.
    /// </summary>
    public PersistenceStatus Persistence { get; set; } = PersistenceStatus.None;

    /// <summary>The append-only file, or null when appendonly is no.</summary>
    public Aof.AppendOnlyFile? Aof { get; set; }

    /// <summary>BGREWRITEAOF while appendonly is no.</summary>
    public Aof.RewriteWhileOff RewriteWhileOff { get; }

    /// <summary>The command being executed (error texts name it, e.g. "invalid expire time in 'set' command").</summary>
    public CommandDescriptor? CurrentCommand { get; private set; }

    /// <summary>Set by SHUTDOWN or a signal; the loop stops after the current iteration.</summary>
    public string? ShutdownReason { get; private set; }

    /// <summary>The loop that owns the sockets; set when the loop is created.</summary>
    public EventLoop? Loop { get; set; }

    public IEnumerable<Client> Clients => _clients.Values;
    public int ClientCount => _clients.Count;

    public long NextClientId() => ++_nextClientId;

    public void AddClient(Client client) => _clients[client.Id] = client;

    public void RemoveClient(Client client) => _clients.Remove(client.Id);

    /// <summary>CLIENT KILL: the client is closed once what it is owed is written, on the loop.</summary>
    public void KillClient(Client client)
    {
        client.CloseAfterReply = true;
        Loop?.QueueWrite(client);
    }

    public void RequestShutdown(string reason) => ShutdownReason ??= reason;

    /// <summary>
    /// Runs the command in <paramref name="client"/>.Args: lookup, existence, arity and auth are
    /// checked here once (Redis processCommand), then the handler runs. An exception from a
    /// handler becomes an error reply: one bad command never takes the loop down.
    /// </summary>
    public void Execute(Client client)
    {
        var args = client.Args;
        var command = Commands.Find(args[0]);
        if (command is null)
        {
            WriteUnknownCommand(client);
            client.TransactionFailed |= client.Queued is not null;
            return;
        }
        if (command.Subcommands.Length > 0 && (args.Count >= 2 || command.Handler is null))
        {
            if (args.Count < 2)
            {
                RejectCommand(client, $"wrong number of arguments for '{command.Name}' command");
                return;
            }
            var sub = command.FindSubcommand(args[1]);
            if (sub is null)
            {
                RejectCommand(client, $"unknown subcommand '{Truncate(client.ArgString(1))}'. Try {command.Name.ToUpperInvariant()} HELP.");
                return;
            }
            command = sub;
        }
        if (!command.ArityMatches(args.Count))
        {
            RejectCommand(client, $"wrong number of arguments for '{command.FullName}' command");
            return;
        }
        if (!client.Authenticated && (command.Flags & CommandFlags.NoAuth) == 0)
        {
            client.Reply.WriteError(SharedReplies.NoAuth);
            client.TransactionFailed |= client.Queued is not null;
            return;
        }
        // Redis refuses writes (and PING) while the AOF cannot be written, rather than
        // acknowledge what is not on disk; reads keep working.
        if (Aof?.WriteError is { } diskError && ((command.Flags & CommandFlags.Write) != 0 || command.Name == "ping"))
        {
            RejectCommand(client, $"-MISCONF Errors writing to the AOF file: {diskError}");
            return;
        }
        if (client.Queued is not null && !TransactionCommands.RunsImmediately(command))
        {
            if ((command.Flags & CommandFlags.NoMulti) != 0)
            {
                RejectCommand(client, "Command not allowed inside a transaction");
                return;
            }
            client.Queued.Add(client.CopyArgs());
            TransactionCommands.WriteQueued(client);
            return;
        }
        CurrentCommand = command;
        client.LastCommand = command.FullName;
        // INFO commandstats times one call in 16 and scales it: reading the clock twice per
        // command cost 9% of the loop's time in a PING -P 16 profile.
        var timed = (command.Calls & 15) == 0;
        var started = timed ? Stopwatch.GetTimestamp() : 0;
        try
        {
            command.Handler!(client);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.Warning($"Command '{command.FullName}' failed: {e}");
            client.Reply.WriteError($"internal error while running '{command.FullName}': {e.Message}");
        }
        command.Calls++;
        if (timed) command.Microseconds += 16 * (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        Stats.CommandsProcessed++;
        CurrentCommand = null;
        if ((command.Flags & CommandFlags.Write) != 0 && Watches.Any) Watches.TouchKeysOf(command, client);
        // Redis serves blocked clients after a whole command: after EXEC, not between its commands.
        if (Blocking.HasReadyKeys && !client.InExec) Blocking.ServeReadyKeys();
    }

    /// <summary>An error before the command runs; inside MULTI it also dooms the transaction (EXECABORT).</summary>
    private static void RejectCommand(Client client, string message)
    {
        client.Reply.WriteError(message);
        client.TransactionFailed |= client.Queued is not null;
    }

    private static string Truncate(string text) => text.Length > 128 ? text[..128] : text;

    /// <summary>"unknown command 'x', with args beginning with: 'a' 'b' ", at most 128 characters of arguments.</summary>
    private static void WriteUnknownCommand(Client client)
    {
        var args = new System.Text.StringBuilder();
        for (var i = 1; i < client.Args.Count && args.Length < 128; i++)
        {
            var text = client.ArgString(i);
            var room = 128 - args.Length;
            args.Append('\'').Append(text.Length > room ? text[..room] : text).Append("' ");
        }
        client.Reply.WriteError($"unknown command '{Truncate(client.ArgString(0))}', with args beginning with: {args}");
    }

    /// <summary>
    /// A write command changed the dataset: count it (INFO) and hand its effect to persistence,
    /// logged as the client sent it. Commands whose effect differs from their text log through
    /// the other Propagate overloads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Propagate(Client client)
    {
        Stats.Dirty++;
        if (Loading) return;
        Aof?.Feed(client.DbIndex, client.Args);
        Persistence.Feed?.Invoke(client.DbIndex, client.Args);
    }

    /// <summary>
    /// Logs a command other than the one the client sent: the deterministic effect (SPOP logged
    /// as SREM, BLPOP as LPOP, HINCRBYFLOAT as HSET of the result).
    /// </summary>
    public void PropagateCommand(Client client, params byte[][] args)
    {
        Stats.Dirty++;
        if (Loading || (Aof is null && Persistence.Feed is null)) return;
        var arguments = CommandArguments.From(args);
        Aof?.Feed(client.DbIndex, arguments);
        Persistence.Feed?.Invoke(client.DbIndex, arguments);
    }

    /// <summary>Logs <c>SET key value KEEPTTL</c> for a command whose result is the value (INCRBYFLOAT).</summary>
    public void PropagateSet(Client client, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        PropagateCommand(client, "SET"u8.ToArray(), key.ToArray(), value.ToArray(), "KEEPTTL"u8.ToArray());

    /// <summary>An expired key was removed (lazily or by the active cycle): Redis logs it as a DEL.</summary>
    public void KeyExpired(Database database, ReadOnlySpan<byte> key)
    {
        Stats.ExpiredKeys++;
        if (Loading || (Aof is null && Persistence.Feed is null)) return;
        var arguments = CommandArguments.From("DEL"u8.ToArray(), key.ToArray());
        Aof?.Feed(database.Id, arguments);
        Persistence.Feed?.Invoke(database.Id, arguments);
    }

    public void KeyAdded(Database database, ReadOnlySpan<byte> key) => Blocking.SignalKeyReady(database, key);

    /// <summary>EXEC starts: its writes reach the AOF between MULTI and EXEC so replay applies all or none.</summary>
    public void BeginTransactionPropagation(Client client) => Aof?.BeginTransaction(client.DbIndex);

    public void EndTransactionPropagation() => Aof?.EndTransaction();

    public void SwapDatabases(int first, int second)
    {
        (Databases[first], Databases[second]) = (Databases[second], Databases[first]);
        Databases[first].Id = first;
        Databases[second].Id = second;
        // Clients keep the index they selected, not the contents: re-point them, as Redis does.
        foreach (var client in _clients.Values)
        {
            if (client.Db == Databases[first]) client.Select(Databases[second]);
            else if (client.Db == Databases[second]) client.Select(Databases[first]);
        }
    }

    /// <summary>CONFIG SET changed these parameters; parts of the server that cache settings react here.</summary>
    public void ConfigChanged(IEnumerable<string> names)
    {
        foreach (var warning in UnsupportedSettings.Warnings(Config, names)) Log.Warning(warning);
        foreach (var name in names)
        {
            if (name == "requirepass" && Config.RequirePass.Length == 0)
                foreach (var client in _clients.Values) client.Authenticated = true;
            if (name == "appendonly" && Config.AppendOnly && Aof is null) Aof = Server.Aof.AppendOnlyFile.EnableAtRunTime(this);
            if (name == "appendonly" && !Config.AppendOnly && Aof is not null)
            {
                Aof.Dispose();
                Aof = null;
            }
            if (name == "appendfsync" && Aof is not null) Aof.Policy = Server.Aof.AppendOnlyFile.PolicyOf(Config);
        }
    }

    private readonly List<object> _expireScratch = [];

    /// <summary>
    /// Active expiry, Redis's activeExpireCycle in spirit: walk the volatile keys of each database
    /// and delete the expired ones, for at most 25% of a cron period, resuming next time where it
    /// stopped. Memory is reclaimed even if nobody touches the keys again.
    /// </summary>
    public void ActiveExpireCycle(long budgetMicroseconds)
    {
        if (!ActiveExpireEnabled) return;
        var started = Stopwatch.GetTimestamp();
        foreach (var db in Databases)
        {
            if (db.VolatileCount == 0) continue;
            do
            {
                db.ActiveExpireStep(1024, _expireScratch);
                if (Stopwatch.GetElapsedTime(started).TotalMicroseconds > budgetMicroseconds) return;
            } while (!db.ExpireCycleAtStart && db.VolatileCount > 0);
        }
    }
}

/// <summary>An observer of the effects handed to persistence (tests; later, replication).</summary>
internal sealed class PersistenceStatus
{
    public static readonly PersistenceStatus None = new();

    /// <summary>Receives each write command's effect (database index, arguments).</summary>
    public Action<int, CommandArguments>? Feed { get; init; }
}
