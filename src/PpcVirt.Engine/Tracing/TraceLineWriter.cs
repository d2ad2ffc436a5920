using System.Globalization;
using PpcVirt.Engine.Cpu.BookE;
using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Disassembly;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Tracing;

/// <summary>
/// Formats trace events into one reusable character buffer and writes them to a
/// <see cref="TextWriter"/> as spans: no allocation per instruction line.
/// </summary>
internal sealed class TraceLineWriter(TextWriter writer, TraceFormat format, GuestSymbolTable? symbols)
{
    /// <summary>The CSV header row.</summary>
    public const string CsvHeader = "kind,count,pc,word,mnemonic,symbol,ivor,interrupt,srr0,target,reason,message";

    private const int CountWidth = 10;
    private const int MnemonicWidth = 8;

    private readonly char[] _line = new char[1024];
    private int _length;

    private bool Csv => format == TraceFormat.Csv;

    /// <summary>The header: the column line for CSV, comment lines for text.</summary>
    public void Header(string? title)
    {
        if (Csv)
        {
            writer.WriteLine(CsvHeader);
            return;
        }

        writer.WriteLine($"# PpcVirt instruction trace v1 (text){(title is null ? string.Empty : ": " + title)}");
        writer.WriteLine("# columns: count pc word mnemonic symbol | count pc interrupt IVORn Name SRR0=x target=x symbol | count pc exit Reason message");
    }

    /// <summary>One retired (or faulting) instruction. <paramref name="definition"/> null: an illegal encoding; <paramref name="fetched"/> false: the fetch faulted.</summary>
    public void Instruction(ulong count, ulong pc, uint word, bool fetched, InstructionDefinition? definition)
    {
        _length = 0;
        if (Csv)
        {
            Append("instruction,");
            Decimal(count);
            Append(",0x");
            Hex(pc);
            Append(',');
            if (fetched)
            {
                Append("0x");
                Hex(word);
            }

            Append(',');
            Mnemonic(word, fetched, definition);
            Append(',');
            Symbol(pc);
            Append(",,,,,,");
        }
        else
        {
            Decimal(count, CountWidth);
            Append(' ');
            Hex(pc);
            Append(' ');
            if (fetched)
            {
                Hex(word);
            }
            else
            {
                Append("????????");
            }

            Append(' ');
            int start = _length;
            Mnemonic(word, fetched, definition);
            Pad(start, MnemonicWidth);
            Append(' ');
            Symbol(pc);
        }

        Flush();
    }

    /// <summary>An interrupt the vCPU delivered: <paramref name="saveRegister"/> is SRR0, CSRR0 or MCSRR0 by the vector's class.</summary>
    public void Interrupt(ulong count, ulong pc, InterruptVector vector, ulong saveRegister, ulong target)
    {
        _length = 0;
        string save = SaveRegisterName(vector);
        if (Csv)
        {
            Append("interrupt,");
            Decimal(count);
            Append(",0x");
            Hex(pc);
            Append(",,,");
            Symbol(pc);
            Append(',');
            Decimal((ulong)vector);
            Append(',');
            Append(VectorName(vector));
            Append(",0x");
            Hex(saveRegister);
            Append(",0x");
            Hex(target);
            Append(",,");
        }
        else
        {
            Decimal(count, CountWidth);
            Append(' ');
            Hex(pc);
            Append(" interrupt IVOR");
            Decimal((ulong)vector);
            Append(' ');
            Append(VectorName(vector));
            Append(' ');
            Append(save);
            Append('=');
            Hex(saveRegister);
            Append(" target=");
            Hex(target);
            Append(' ');
            Symbol(pc);
        }

        Flush();
    }

    /// <summary>The exit that ended the trace (written once; may allocate).</summary>
    public void Exit(ulong count, VcpuExit exit)
    {
        _length = 0;
        string message = exit.Message ?? string.Empty;
        if (exit.Mmio is { } m)
        {
            message = string.Create(CultureInfo.InvariantCulture, $"MMIO {(m.IsWrite ? "write" : "read")} {m.Length} byte(s) at 0x{m.PhysicalAddress:x9}{(m.IsWrite ? $" = 0x{m.Data:x}" : string.Empty)}");
        }
        else if (exit.Dcr is { } d)
        {
            message = string.Create(CultureInfo.InvariantCulture, $"{(d.IsWrite ? "mtdcr" : "mfdcr")} DCR 0x{d.DcrNumber:x3}{(d.IsWrite ? $" = 0x{d.Data:x8}" : string.Empty)}");
        }

        if (Csv)
        {
            Append("exit,");
            Decimal(count);
            Append(",0x");
            Hex(exit.ProgramCounter);
            Append(",,,");
            Symbol(exit.ProgramCounter);
            Append(",,,,,");
            Append(exit.Reason.ToString());
            Append(',');
            Append(CsvField(message));
        }
        else
        {
            Decimal(count, CountWidth);
            Append(' ');
            Hex(exit.ProgramCounter);
            Append(" exit ");
            Append(exit.Reason.ToString());
            Append(' ');
            Append(message.Replace('\n', ' '));
        }

        Flush();
    }

    /// <summary>The name of the save/restore register 0 the vector's class uses (Book E interrupt classes).</summary>
    public static string SaveRegisterName(InterruptVector vector) => vector switch
    {
        InterruptVector.CriticalInput or InterruptVector.Watchdog or InterruptVector.Debug => "CSRR0",
        InterruptVector.MachineCheck => "MCSRR0",
        _ => "SRR0",
    };

    private static string VectorName(InterruptVector vector) => vector switch
    {
        InterruptVector.CriticalInput => "CriticalInput",
        InterruptVector.MachineCheck => "MachineCheck",
        InterruptVector.DataStorage => "DataStorage",
        InterruptVector.InstructionStorage => "InstructionStorage",
        InterruptVector.External => "External",
        InterruptVector.Alignment => "Alignment",
        InterruptVector.Program => "Program",
        InterruptVector.FpUnavailable => "FpUnavailable",
        InterruptVector.SystemCall => "SystemCall",
        InterruptVector.ApuUnavailable => "ApuUnavailable",
        InterruptVector.Decrementer => "Decrementer",
        InterruptVector.FixedIntervalTimer => "FixedIntervalTimer",
        InterruptVector.Watchdog => "Watchdog",
        InterruptVector.DataTlbError => "DataTlbError",
        InterruptVector.InstructionTlbError => "InstructionTlbError",
        InterruptVector.Debug => "Debug",
        _ => "Unknown",
    };

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private void Mnemonic(uint word, bool fetched, InstructionDefinition? definition)
    {
        if (!fetched)
        {
            Append("??");
            return;
        }

        if (definition is null)
        {
            Append(".long");
            return;
        }

        Append(definition.Mnemonic);
        if ((definition.Flags & InstructionFlags.Overflow) != 0 && (word & 0x400) != 0)
        {
            Append('o');
        }

        if ((definition.Flags & InstructionFlags.Record) != 0 && (word & 1) != 0)
        {
            Append('.');
        }
    }

    private void Symbol(ulong pc)
    {
        if (symbols is null)
        {
            return;
        }

        int n = symbols.FormatLabel(pc, _line.AsSpan(_length, _line.Length - _length - 2));
        if (n > 0 && n <= _line.Length - _length - 2)
        {
            _length += n;
        }
    }

    private void Pad(int start, int width)
    {
        while (_length - start < width)
        {
            Append(' ');
        }
    }

    private void Append(char c)
    {
        if (_length < _line.Length - 2)
        {
            _line[_length++] = c;
        }
    }

    private void Append(string s)
    {
        int n = Math.Min(s.Length, _line.Length - 2 - _length);
        s.AsSpan(0, n).CopyTo(_line.AsSpan(_length));
        _length += n;
    }

    private void Hex(ulong value)
    {
        value.TryFormat(_line.AsSpan(_length), out int w, value > uint.MaxValue ? "x16" : "x8", CultureInfo.InvariantCulture);
        _length += w;
    }

    private void Decimal(ulong value, int width = 0)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int w, default, CultureInfo.InvariantCulture);
        for (int i = w; i < width; i++)
        {
            Append(' ');
        }

        digits[..w].CopyTo(_line.AsSpan(_length));
        _length += w;
    }

    private void Flush()
    {
        int end = _length;
        while (end > 0 && _line[end - 1] == ' ')
        {
            end--;
        }

        writer.WriteLine(_line.AsSpan(0, end));
    }
}
