using System.Globalization;
using System.Text;

namespace PpcVirt.PowerShell;

/// <summary>A range of guest physical memory (Read-PpcGuestMemory), shown as a classic hex dump.</summary>
public sealed class PpcMemoryDump
{
    internal PpcMemoryDump(string vmName, ulong address, byte[] bytes)
    {
        VmName = vmName;
        Address = address;
        Bytes = bytes;
    }

    /// <summary>The VM's name.</summary>
    public string VmName { get; }

    /// <summary>Guest physical address of the first byte.</summary>
    public ulong Address { get; }

    /// <summary>The bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Number of bytes.</summary>
    public int Length => Bytes.Length;

    /// <summary>Hex dump lines: 9-digit address, 16 bytes in hex, printable ASCII.</summary>
    public string[] Lines
    {
        get
        {
            var lines = new List<string>();
            var sb = new StringBuilder();
            for (int offset = 0; offset < Bytes.Length; offset += 16)
            {
                sb.Clear();
                sb.Append(CultureInfo.InvariantCulture, $"{Address + (ulong)offset:X9}  ");
                int n = Math.Min(16, Bytes.Length - offset);
                for (int i = 0; i < 16; i++)
                {
                    if (i < n)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"{Bytes[offset + i]:X2} ");
                    }
                    else
                    {
                        sb.Append("   ");
                    }

                    if (i == 7)
                    {
                        sb.Append(' ');
                    }
                }

                sb.Append(" |");
                for (int i = 0; i < n; i++)
                {
                    byte b = Bytes[offset + i];
                    sb.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
                }

                sb.Append('|');
                lines.Add(sb.ToString());
            }

            return [.. lines];
        }
    }

    /// <summary>The hex dump as one string (lines joined with newlines).</summary>
    public string HexDump => string.Join(Environment.NewLine, Lines);

    /// <summary>Returns <see cref="HexDump"/>.</summary>
    public override string ToString() => HexDump;
}
