using System.Buffers;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server;

/// <summary>
/// One connection: its receive buffer and parser state, its pending replies and its session
/// (selected database, protocol version, name, authentication). Owned by the loop thread.
/// Objects are pooled (<see cref="ClientPool"/>); <see cref="Reset"/> readies one for reuse.
/// </summary>
internal sealed class Client
{
    /// <summary>Redis PROTO_IOBUF_LEN: the read size, and the size the receive buffer starts at.</summary>
    public const int ReadSize = 16 * 1024;

    public readonly RequestParser Parser = new();
    private readonly CommandArguments _received = new();

    /// <summary>The arguments of the command being run: slices of the receive buffer, or a replayed command.</summary>
    public CommandArguments Args { get; private set; }
    public readonly ReplyBuffer Reply = new();

    private byte[] _query = [];
    /// <summary>Next byte to parse in <see cref="_query"/>.</summary>
    private int _position;
    /// <summary>End of the received bytes in <see cref="_query"/>.</summary>
    private int _end;

    public Client() => Args = _received;

    public RedisServer Server { get; private set; } = null!;
    public long Id { get; private set; }
    public int Handle { get; private set; }
    public string PeerAddress { get; private set; } = "";
    public Database Db { get; private set; } = null!;
    public int DbIndex => Db.Id;
    public bool Authenticated { get; set; }
    public int ProtocolVersion => Reply.Resp3 ? 3 : 2;
    public string? Name { get; set; }
    public string? LibraryName { get; set; }
    public string? LibraryVersion { get; set; }
    public long CreatedAtMs { get; private set; }
    public long LastInteractionMs { get; set; }
    public string LastCommand { get; set; } = "NULL";

    /// <summary>Set while the client waits in a blocking command; its further input waits too.</summary>
    public Blocking.BlockedState? Blocked { get; set; }
    /// <summary>Set while a blocked command runs again after a wake-up.</summary>
    public Blocking.BlockedState? Rerun { get; set; }
    /// <summary>Commands queued after MULTI; null outside a transaction.</summary>
    public List<byte[][]>? Queued { get; set; }
    /// <summary>A command failed to queue: EXEC answers EXECABORT.</summary>
    public bool TransactionFailed { get; set; }
    /// <summary>True while EXEC runs the queued commands (blocking commands must not wait).</summary>
    public bool InExec { get; set; }
    /// <summary>WATCHed keys and whether each existed when watched.</summary>
    public Dictionary<Blocking.DbKey, bool>? Watched { get; set; }
    /// <summary>A watched key was written: EXEC fails.</summary>
    public bool WatchTouched { get; set; }

    /// <summary>Runs a stored command (a blocked command after a wake-up, a queued one in EXEC) as if just received.</summary>
    public void RunReplayed(byte[][] command)
    {
        var saved = Args;
        Args = CommandArguments.From(command);
        try { Server.Execute(this); }
        finally { Args = saved; }
    }

    /// <summary>Runs already-parsed arguments (AOF loading replays a file through here).</summary>
    public void RunWith(CommandArguments args)
    {
        var saved = Args;
        Args = args;
        try { Server.Execute(this); }
        finally { Args = saved; }
    }

    /// <summary>The AOF batch whose fsync must complete before this client's replies may be sent (appendfsync always).</summary>
    public long AwaitingFsync { get; set; }

    /// <summary>A copy of the current command's arguments that outlives the receive buffer.</summary>
    public byte[][] CopyArgs()
    {
        var copy = new byte[Args.Count][];
        for (var i = 0; i < copy.Length; i++) copy[i] = Args.ToArray(i);
        return copy;
    }

    /// <summary>Close once the pending replies are written (QUIT, protocol error, CLIENT KILL).</summary>
    public bool CloseAfterReply { get; set; }
    public bool Closed { get; set; }
    /// <summary>In the loop's list of clients with replies to write.</summary>
    public bool QueuedForWrite { get; set; }
    /// <summary>Writability is registered with the poller (a write was partial).</summary>
    public bool WantsWrite { get; set; }

    public void Start(RedisServer server, long id, int handle, string peerAddress, long nowMs)
    {
        Server = server;
        Id = id;
        Handle = handle;
        PeerAddress = peerAddress;
        Db = server.Databases[0];
        Authenticated = server.Config.RequirePass.Length == 0;
        CreatedAtMs = LastInteractionMs = nowMs;
        _query = ArrayPool<byte>.Shared.Rent(ReadSize);
        _position = _end = 0;
    }

    public void Select(Database database) => Db = database;

    /// <summary>Returns buffers to their pools and clears the session for the next connection.</summary>
    public void Reset()
    {
        if (_query.Length > 0) ArrayPool<byte>.Shared.Return(_query);
        _query = [];
        _position = _end = 0;
        Parser.Reset();
        _received.TrimExcess();
        Reply.Clear();
        Reply.Resp3 = false;
        Name = LibraryName = LibraryVersion = null;
        Blocked = Rerun = null;
        Queued = null;
        Watched = null;
        TransactionFailed = InExec = WatchTouched = false;
        AwaitingFsync = 0;
        Args = _received;
        LastCommand = "NULL";
        CloseAfterReply = Closed = QueuedForWrite = WantsWrite = false;
        Server = null!;
        Db = null!;
    }

    /// <summary>Unparsed input bytes held for this client (INFO's qbuf, the query-buffer limit).</summary>
    public int QueryBufferLength => _end - Math.Min(_position, Parser.InsideCommand ? Parser.CommandStart : _position);

    /// <summary>
    /// Space to read into: at least <see cref="ReadSize"/> bytes, or the whole of a pending large
    /// bulk so it arrives in one buffer without repeated regrowth.
    /// </summary>
    public Span<byte> ReceiveSpace()
    {
        Compact();
        var missing = Parser.MissingBytes(_position, _end);
        var wanted = (int)Math.Min(Array.MaxLength - (long)_end, Math.Max(ReadSize, missing));
        if (_query.Length - _end < wanted) Grow(_end + wanted);
        return _query.AsSpan(_end);
    }

    public void Received(int count) => _end += count;

    /// <summary>Parses the next complete command into <see cref="Args"/>; false when more bytes are needed.</summary>
    public bool TryParseCommand() => Parser.TryParse(_query, ref _position, _end, _received, Authenticated);

    /// <summary>Moves unconsumed bytes to the front so reads append after them.</summary>
    private void Compact()
    {
        var keepFrom = Parser.InsideCommand ? Parser.CommandStart : _position;
        if (keepFrom == 0) return;
        if (keepFrom == _end)
        {
            Parser.Rebase(_query, keepFrom, _received);
            _position = _end = 0;
            if (_query.Length > 4 * ReadSize)
            {
                // A big command is done: give its buffer back, keep a normal one.
                ArrayPool<byte>.Shared.Return(_query);
                _query = ArrayPool<byte>.Shared.Rent(ReadSize);
            }
            return;
        }
        // Only move when it frees real room; a pipelined burst otherwise copies on every read.
        if (_query.Length - _end >= ReadSize) return;
        Buffer.BlockCopy(_query, keepFrom, _query, 0, _end - keepFrom);
        Parser.Rebase(_query, keepFrom, _received);
        _position -= keepFrom;
        _end -= keepFrom;
    }

    private void Grow(int size)
    {
        var keepFrom = Parser.InsideCommand ? Parser.CommandStart : _position;
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(size - keepFrom, (long)_query.Length * 2)));
        Buffer.BlockCopy(_query, keepFrom, bigger, 0, _end - keepFrom);
        ArrayPool<byte>.Shared.Return(_query);
        _query = bigger;
        Parser.Rebase(_query, keepFrom, _received);
        _position -= keepFrom;
        _end -= keepFrom;
    }
}
