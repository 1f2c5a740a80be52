using System.Text;

namespace EventLoopKv.Server.Commands;

/// <summary>CLIENT subcommands: ID, SETNAME, GETNAME, LIST, INFO, KILL, SETINFO, HELP.</summary>
internal static class ClientCommands
{
    public static void Id(Client client) => client.Reply.WriteInteger(client.Id);

    public static void SetName(Client client)
    {
        if (TrySetName(client, 2)) client.Reply.WriteOk();
    }

    /// <summary>Names may not hold spaces or control characters (Redis validateClientAttr); empty clears.</summary>
    internal static bool TrySetName(Client client, int index)
    {
        var name = client.Args[index];
        foreach (var c in name)
        {
            if (c < '!' || c > '~')
            {
                client.Reply.WriteError("Client names cannot contain spaces, newlines or special characters.");
                return false;
            }
        }
        client.Name = name.Length == 0 ? null : Encoding.UTF8.GetString(name);
        return true;
    }

    public static void GetName(Client client)
    {
        if (client.Name is null) client.Reply.WriteNull();
        else client.Reply.WriteBulk(client.Name);
    }

    /// <summary>CLIENT SETINFO LIB-NAME name | LIB-VER version</summary>
    public static void SetInfo(Client client)
    {
        var value = client.Args[3];
        foreach (var c in value)
        {
            if (c < '!' || c > '~')
            {
                client.Reply.WriteError($"{client.ArgString(2)} cannot contain spaces, newlines or special characters.");
                return;
            }
        }
        if (client.ArgIs(2, "lib-name"u8)) client.LibraryName = Encoding.UTF8.GetString(value);
        else if (client.ArgIs(2, "lib-ver"u8)) client.LibraryVersion = Encoding.UTF8.GetString(value);
        else
        {
            client.Reply.WriteError($"Unrecognized option '{client.ArgString(2)}'");
            return;
        }
        client.Reply.WriteOk();
    }

    /// <summary>CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id ...]</summary>
    public static void List(Client client)
    {
        var args = client.Args;
        HashSet<long>? ids = null;
        var typeFilter = (string?)null;
        for (var j = 2; j < args.Count; j++)
        {
            if (client.ArgIs(j, "type"u8) && j + 1 < args.Count)
            {
                typeFilter = client.ArgString(++j).ToLowerInvariant();
                if (typeFilter is not ("normal" or "master" or "replica" or "slave" or "pubsub"))
                {
                    client.Reply.WriteError($"Unknown client type '{client.ArgString(j)}'");
                    return;
                }
            }
            else if (client.ArgIs(j, "id"u8) && j + 1 < args.Count)
            {
                ids = [];
                for (j++; j < args.Count; j++)
                {
                    if (!client.TryGetInt64OrReply(j, out var id, "Invalid client ID")) return;
                    ids.Add(id);
                }
            }
            else
            {
                client.Reply.WriteError(Protocol.SharedReplies.SyntaxError);
                return;
            }
        }
        var text = new StringBuilder();
        foreach (var other in client.Server.Clients)
        {
            if (ids is not null && !ids.Contains(other.Id)) continue;
            if (typeFilter is not null && typeFilter != "normal") continue;
            AppendInfoLine(text, other, client.Server.Clock.UnixTimeMilliseconds());
        }
        client.Reply.WriteVerbatim(Encoding.UTF8.GetBytes(text.ToString()), "txt"u8);
    }

    public static void Info(Client client)
    {
        var text = new StringBuilder();
        AppendInfoLine(text, client, client.Server.Clock.UnixTimeMilliseconds());
        client.Reply.WriteVerbatim(Encoding.UTF8.GetBytes(text.ToString()), "txt"u8);
    }

    private static void AppendInfoLine(StringBuilder text, Client c, long now)
    {
        text.Append("id=").Append(c.Id)
            .Append(" addr=").Append(c.PeerAddress)
            .Append(" laddr=").Append(c.Server.LocalAddress)
            .Append(" fd=").Append(c.Handle)
            .Append(" name=").Append(c.Name)
            .Append(" age=").Append((now - c.CreatedAtMs) / 1000)
            .Append(" idle=").Append((now - c.LastInteractionMs) / 1000)
            .Append(" flags=N db=").Append(c.DbIndex)
            .Append(" sub=0 psub=0 ssub=0 multi=-1")
            .Append(" qbuf=").Append(c.QueryBufferLength)
            .Append(" qbuf-free=0 argv-mem=0 multi-mem=0 rbs=").Append(Protocol.ReplyBuffer.InitialSize)
            .Append(" rbp=0 obl=").Append(c.Reply.Pending)
            .Append(" oll=0 omem=0 tot-mem=0 events=r cmd=").Append(c.LastCommand)
            .Append(" user=default redir=-1 resp=").Append(c.ProtocolVersion)
            .Append(" lib-name=").Append(c.LibraryName)
            .Append(" lib-ver=").Append(c.LibraryVersion)
            .Append('\n');
    }

    /// <summary>CLIENT KILL addr | CLIENT KILL [ID id] [ADDR addr] [LADDR addr] [TYPE type] [SKIPME yes|no]</summary>
    public static void Kill(Client client)
    {
        var args = client.Args;
        var server = client.Server;
        if (args.Count == 3)
        {
            var address = client.ArgString(2);
            var target = server.Clients.FirstOrDefault(c => c.PeerAddress == address);
            if (target is null)
            {
                client.Reply.WriteError("No such client");
                return;
            }
            server.KillClient(target);
            client.Reply.WriteOk();
            return;
        }
        long? id = null;
        string? addr = null, laddr = null;
        var skipMe = true;
        if (args.Count % 2 != 0)
        {
            client.Reply.WriteError(Protocol.SharedReplies.SyntaxError);
            return;
        }
        for (var j = 2; j < args.Count; j += 2)
        {
            if (client.ArgIs(j, "id"u8))
            {
                if (!Storage.Int64Text.TryParse(args[j + 1], out var parsed) || parsed <= 0)
                {
                    client.Reply.WriteError("client-id should be greater than 0");
                    return;
                }
                id = parsed;
            }
            else if (client.ArgIs(j, "addr"u8)) addr = client.ArgString(j + 1);
            else if (client.ArgIs(j, "laddr"u8)) laddr = client.ArgString(j + 1);
            else if (client.ArgIs(j, "type"u8))
            {
                var type = client.ArgString(j + 1).ToLowerInvariant();
                if (type is not ("normal" or "master" or "replica" or "slave" or "pubsub"))
                {
                    client.Reply.WriteError($"Unknown client type '{client.ArgString(j + 1)}'");
                    return;
                }
            }
            else if (client.ArgIs(j, "user"u8)) { }
            else if (client.ArgIs(j, "skipme"u8))
            {
                if (client.ArgIs(j + 1, "yes"u8)) skipMe = true;
                else if (client.ArgIs(j + 1, "no"u8)) skipMe = false;
                else
                {
                    client.Reply.WriteError(Protocol.SharedReplies.SyntaxError);
                    return;
                }
            }
            else
            {
                client.Reply.WriteError(Protocol.SharedReplies.SyntaxError);
                return;
            }
        }
        var killed = 0;
        foreach (var other in server.Clients.ToList())
        {
            if (id is { } wanted && other.Id != wanted) continue;
            if (addr is not null && other.PeerAddress != addr) continue;
            if (laddr is not null && server.LocalAddress != laddr) continue;
            if (skipMe && other == client) continue;
            server.KillClient(other);
            killed++;
        }
        client.Reply.WriteInteger(killed);
    }

    public static void Help(Client client) => client.WriteHelp("CLIENT",
        "GETNAME", "    Return the name of the current connection.",
        "ID", "    Return the ID of the current connection.",
        "INFO", "    Return information about the current client connection.",
        "KILL <ip:port>", "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]", "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)", "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)", "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)", "      Kill connections by type.",
        "    * ID <client-id>", "      Kill connections by client id.",
        "    * SKIPME (YES|NO)", "      Skip killing current connection (default: yes).",
        "LIST [options ...]", "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)", "      Return clients of specified type.",
        "    * ID <client-id> [<client-id> ...]", "      Return clients of specified IDs only.",
        "SETNAME <name>", "    Assign the name <name> to the current connection.",
        "SETINFO <option> <value>", "    Set client meta attr. Options are:",
        "    * LIB-NAME: the client lib name.", "    * LIB-VER: the client lib version.");
}
