namespace EventLoopKv.Protocol;

/// <summary>
/// Splits an inline command line into arguments with the quoting rules of Redis's sdssplitargs:
/// whitespace separates, "double quotes" understand \n \r \t \b \a \xHH and \", 'single quotes'
/// only \', and a closing quote must be followed by whitespace or the end of the line.
/// Unescaped bytes are written back into the same buffer (never longer than the source), so the
/// arguments stay slices of the receive buffer.
/// </summary>
internal static class InlineSplitter
{
    public static bool Split(byte[] buffer, int start, int end, CommandArguments args)
    {
        var read = start;
        while (true)
        {
            while (read < end && IsSpace(buffer[read])) read++;
            if (read >= end) return true;

            var write = read;
            var argStart = write;
            var inDouble = false;
            var inSingle = false;
            var done = false;
            while (!done)
            {
                if (inDouble)
                {
                    if (read >= end) return false;
                    var c = buffer[read];
                    if (c == '\\' && read + 3 < end && buffer[read + 1] == 'x' && IsHex(buffer[read + 2]) && IsHex(buffer[read + 3]))
                    {
                        buffer[write++] = (byte)(HexValue(buffer[read + 2]) * 16 + HexValue(buffer[read + 3]));
                        read += 4;
                    }
                    else if (c == '\\' && read + 1 < end)
                    {
                        read++;
                        buffer[write++] = buffer[read] switch
                        {
                            (byte)'n' => (byte)'\n',
                            (byte)'r' => (byte)'\r',
                            (byte)'t' => (byte)'\t',
                            (byte)'b' => (byte)'\b',
                            (byte)'a' => (byte)'\a',
                            var other => other,
                        };
                        read++;
                    }
                    else if (c == '"')
                    {
                        read++;
                        if (read < end && !IsSpace(buffer[read])) return false;
                        done = true;
                    }
                    else
                    {
                        buffer[write++] = c;
                        read++;
                    }
                }
                else if (inSingle)
                {
                    if (read >= end) return false;
                    var c = buffer[read];
                    if (c == '\\' && read + 1 < end && buffer[read + 1] == '\'')
                    {
                        buffer[write++] = (byte)'\'';
                        read += 2;
                    }
                    else if (c == '\'')
                    {
                        read++;
                        if (read < end && !IsSpace(buffer[read])) return false;
                        done = true;
                    }
                    else
                    {
                        buffer[write++] = c;
                        read++;
                    }
                }
                else
                {
                    if (read >= end) { done = true; continue; }
                    var c = buffer[read];
                    switch (c)
                    {
                        case (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0:
                            done = true;
                            break;
                        case (byte)'"':
                            inDouble = true;
                            read++;
                            break;
                        case (byte)'\'':
                            inSingle = true;
                            read++;
                            break;
                        default:
                            buffer[write++] = c;
                            read++;
                            break;
                    }
                }
            }
            args.Add(argStart, write - argStart);
        }
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
