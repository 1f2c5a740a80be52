using EventLoopKv.Protocol;

namespace EventLoopKv.Server.Commands;

/// <summary>Connection commands: PING, ECHO, QUIT, SELECT, AUTH, HELLO, RESET.</summary>
internal static class ConnectionCommands
{
    public static void Ping(Client client)
    {
        if (client.Args.Count > 2)
        {
            client.WriteWrongArity("ping");
            return;
        }
        if (client.Args.Count == 2) client.Reply.WriteBulk(client.Args[1]);
        else client.Reply.WriteRaw(SharedReplies.Pong);
    }

    public static void Echo(Client client) => client.Reply.WriteBulk(client.Args[1]);

    public static void Quit(Client client)
    {
        client.Reply.WriteOk();
        client.CloseAfterReply = true;
    }

    public static void Select(Client client)
    {
        if (!client.TryGetInt32OrReply(1, out var index)) return;
        if (index < 0 || index >= client.Server.Databases.Length)
        {
            client.Reply.WriteError(SharedReplies.DbIndexOutOfRange);
            return;
        }
        client.Select(client.Server.Databases[index]);
        client.Reply.WriteOk();
    }

    /// <summary>AUTH [username] password: the only user is "default", whose password is requirepass.</summary>
    public static void Auth(Client client)
    {
        var args = client.Args;
        if (args.Count > 3)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (args.Count == 2 && client.Server.Config.RequirePass.Length == 0)
        {
            client.Reply.WriteError("AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");
            return;
        }
        var user = args.Count == 3 ? args[1] : "default"u8;
        if (!TryAuthenticate(client, user, args[args.Count - 1]))
        {
            client.Reply.WriteError(WrongPass);
            return;
        }
        client.Reply.WriteOk();
    }

    private const string WrongPass = "-WRONGPASS invalid username-password pair or user is disabled.";

    private static bool TryAuthenticate(Client client, ReadOnlySpan<byte> user, ReadOnlySpan<byte> password)
    {
        var required = client.Server.Config.RequirePass;
        if (!user.SequenceEqual("default"u8)) return false;
        // Without requirepass the default user is "nopass": any password is accepted, as in Redis.
        if (required.Length > 0 && !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                password, System.Text.Encoding.UTF8.GetBytes(required)))
            return false;
        client.Authenticated = true;
        return true;
    }

    /// <summary>HELLO [protover [AUTH username password] [SETNAME clientname]]</summary>
    public static void Hello(Client client)
    {
        var args = client.Args;
        var version = 0L;
        var next = 1;
        if (args.Count >= 2)
        {
            if (!client.TryGetInt64OrReply(next++, out version, "Protocol version is not an integer or out of range")) return;
            if (version is < 2 or > 3)
            {
                client.Reply.WriteError("-NOPROTO unsupported protocol version");
                return;
            }
        }
        int userIndex = -1, nameIndex = -1;
        for (var j = next; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "auth"u8) && more >= 2)
            {
                userIndex = j + 1;
                j += 2;
            }
            else if (client.ArgIs(j, "setname"u8) && more >= 1)
            {
                nameIndex = j + 1;
                j++;
            }
            else
            {
                client.Reply.WriteError($"Syntax error in HELLO option '{client.ArgString(j)}'");
                return;
            }
        }
        if (userIndex > 0 && !TryAuthenticate(client, args[userIndex], args[userIndex + 1]))
        {
            client.Reply.WriteError(WrongPass);
            return;
        }
        if (!client.Authenticated)
        {
            client.Reply.WriteError("-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
            return;
        }
        if (nameIndex > 0 && !ClientCommands.TrySetName(client, nameIndex)) return;
        if (version != 0) client.Reply.Resp3 = version == 3;

        var reply = client.Reply;
        reply.WriteMapHeader(7);
        reply.WriteBulk("server"u8);
        reply.WriteBulk("redis"u8);
        reply.WriteBulk("version"u8);
        reply.WriteBulk(ServerInfo.RedisVersion);
        reply.WriteBulk("proto"u8);
        reply.WriteInteger(client.ProtocolVersion);
        reply.WriteBulk("id"u8);
        reply.WriteInteger(client.Id);
        reply.WriteBulk("mode"u8);
        reply.WriteBulk("standalone"u8);
        reply.WriteBulk("role"u8);
        reply.WriteBulk("master"u8);
        reply.WriteBulk("modules"u8);
        reply.WriteArrayHeader(0);
    }

    /// <summary>RESET: back to a fresh connection's state (db 0, RESP2, no name, unauthenticated if a password is set).</summary>
    public static void Reset(Client client)
    {
        client.Select(client.Server.Databases[0]);
        client.Queued = null;
        client.TransactionFailed = false;
        client.Server.Watches.Unwatch(client);
        client.Reply.Resp3 = false;
        client.Name = null;
        client.Authenticated = client.Server.Config.RequirePass.Length == 0;
        client.Reply.WriteSimpleString("RESET"u8);
    }
}
