namespace EventLoopKv.Protocol;

/// <summary>
/// A request that can never become a valid frame. The loop answers it with
/// <c>-ERR Protocol error: {Message}</c> and closes the connection, as Redis does; the
/// messages are Redis 7.0's own texts.
/// </summary>
public sealed class RespProtocolException(string message) : Exception(message);
