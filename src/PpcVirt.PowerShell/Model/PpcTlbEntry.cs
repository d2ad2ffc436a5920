using System.Globalization;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.PowerShell;

/// <summary>A guest TLB entry (PPC440 tlbwe words) with its fields decoded.</summary>
public sealed class PpcTlbEntry
{
    internal PpcTlbEntry(string vmName, BookETlbEntry entry)
    {
        VmName = vmName;
        Entry = entry;
    }

    /// <summary>The VM's name.</summary>
    public string VmName { get; }

    /// <summary>The engine entry (raw words).</summary>
    public BookETlbEntry Entry { get; }

    /// <summary>Entry index, 0–63.</summary>
    public int Index => Entry.Index;

    /// <summary>PAGEID word.</summary>
    public uint Word0 => Entry.Word0;

    /// <summary>XLAT word.</summary>
    public uint Word1 => Entry.Word1;

    /// <summary>ATTRIB word.</summary>
    public uint Word2 => Entry.Word2;

    /// <summary>Translation id (0 matches every PID).</summary>
    public byte Tid => Entry.Tid;

    /// <summary>V bit.</summary>
    public bool Valid => Entry.Valid;

    /// <summary>TS bit (translation space).</summary>
    public int TranslationSpace => Entry.TranslationSpace;

    /// <summary>Effective page address.</summary>
    public uint EffectiveAddress => Entry.EffectiveAddress;

    /// <summary>36-bit real page address.</summary>
    public ulong RealAddress => Entry.RealAddress;

    /// <summary>Page size in bytes.</summary>
    public long PageSizeBytes => Entry.PageSizeBytes;

    /// <summary>Page size as text: <c>1KB</c>, <c>4KB</c> … <c>256MB</c>, <c>1GB</c>.</summary>
    public string Size => PageSizeBytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{PageSizeBytes >> 30}GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{PageSizeBytes >> 20}MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{PageSizeBytes >> 10}KB"),
    };

    /// <summary>Permissions present, supervisor first: e.g. <c>SX SW SR UR</c> (empty when none).</summary>
    public string Permissions
    {
        get
        {
            int p = Entry.Permissions;
            var parts = new List<string>(6);
            if ((p & 0x04) != 0)
            {
                parts.Add("SX");
            }

            if ((p & 0x02) != 0)
            {
                parts.Add("SW");
            }

            if ((p & 0x01) != 0)
            {
                parts.Add("SR");
            }

            if ((p & 0x20) != 0)
            {
                parts.Add("UX");
            }

            if ((p & 0x10) != 0)
            {
                parts.Add("UW");
            }

            if ((p & 0x08) != 0)
            {
                parts.Add("UR");
            }

            return string.Join(' ', parts);
        }
    }

    /// <summary>WIMGE attributes as five letters with <c>-</c> for clear bits, e.g. <c>-I-G-</c>.</summary>
    public string Wimge
    {
        get
        {
            int w = Entry.Wimge;
            Span<char> s = ['-', '-', '-', '-', '-'];
            const string letters = "WIMGE";
            for (int i = 0; i < 5; i++)
            {
                if ((w & (0x10 >> i)) != 0)
                {
                    s[i] = letters[i];
                }
            }

            return new string(s);
        }
    }

    /// <summary>Returns a one-line summary.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"TLB[{Index}] EA 0x{EffectiveAddress:X8} -> RA 0x{RealAddress:X9} {Size} TID {Tid} TS {TranslationSpace} {Permissions} {Wimge}");
}
