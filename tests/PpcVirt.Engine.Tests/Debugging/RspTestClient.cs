using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace PpcVirt.Engine.Tests.Debugging;

/// <summary>A scripted GDB client: frames packets itself so the tests see the exact bytes on the wire.</summary>
internal sealed class RspTestClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    public RspTestClient(IPEndPoint endPoint)
    {
        _client = new TcpClient();
        _client.Connect(endPoint);
        _client.NoDelay = true;
        _stream = _client.GetStream();
        // Safety timeout only: a broken server fails the test instead of hanging it.
        _stream.ReadTimeout = 60_000;
    }

    public bool AckMode { get; set; } = true;

    public static string Frame(string payload)
    {
        int sum = 0;
        foreach (char c in payload)
        {
            sum += (byte)c;
        }

        return $"${payload}#{sum & 0xFF:x2}";
    }

    public void SendRaw(string text) => _stream.Write(Encoding.Latin1.GetBytes(text));

    public void SendRaw(byte b) => _stream.WriteByte(b);

    public int ReadByte() => _stream.ReadByte();

    /// <summary>Sends a packet and, in ack mode, expects the server's '+'.</summary>
    public void Send(string payload)
    {
        SendRaw(Frame(payload));
        if (AckMode)
        {
            Assert.Equal('+', (char)ReadByte());
        }
    }

    /// <summary>Reads one packet, checks its checksum, and acks it in ack mode.</summary>
    public string Receive()
    {
        int b;
        while ((b = ReadByte()) != '$')
        {
            Assert.NotEqual(-1, b);
        }

        var sb = new StringBuilder();
        while ((b = ReadByte()) != '#')
        {
            Assert.NotEqual(-1, b);
            sb.Append((char)b);
        }

        string checksum = $"{(char)ReadByte()}{(char)ReadByte()}";
        string payload = sb.ToString();
        Assert.Equal(Frame(payload)[^2..], checksum);
        if (AckMode)
        {
            SendRaw("+");
        }

        return payload;
    }

    public string Exchange(string payload)
    {
        Send(payload);
        return Receive();
    }

    public void Dispose() => _client.Dispose();
}
