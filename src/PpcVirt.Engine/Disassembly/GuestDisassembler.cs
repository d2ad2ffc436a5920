using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.InteropServices;
using Gee.External.Capstone;
using Gee.External.Capstone.PowerPc;
using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Disassembly;

/// <summary>
/// Disassembles guest code: reads words through the vCPU's instruction translation (or guest
/// physical addresses), names them with Capstone.NET (PowerPC, big-endian, 32-bit) and with PpcVirt's
/// own instruction table, so a listing shows both what an assembler would write and what the core
/// executes. Capstone lacks some 440 instructions (dlmzb, the multiply-halfword family, mcrxr,
/// lswx/stswx, fcmpo); for those the table mnemonic is shown.
/// </summary>
public static class GuestDisassembler
{
    private static int s_resolverInstalled;

    /// <summary>Disassembles <paramref name="count"/> words from <paramref name="address"/>.</summary>
    /// <param name="vcpu">The vCPU whose translation (MSR[IS], PID, TLB) is used.</param>
    /// <param name="address">Effective address, or guest physical address when <paramref name="physical"/>.</param>
    /// <param name="count">Number of instructions, 1–4096.</param>
    /// <param name="physical">Read guest physical memory instead of translating.</param>
    /// <param name="symbols">
    /// Guest symbols for <see cref="DisassembledInstruction.Symbol"/>, or null for none. Effective
    /// addresses are looked up as they are; with <paramref name="physical"/>, the address is first
    /// mapped to its ELF virtual address (<see cref="GuestSymbolTable.ToVirtual"/>).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> outside 1–4096.</exception>
    public static IReadOnlyList<DisassembledInstruction> Disassemble(Vcpu vcpu, ulong address, int count, bool physical = false, GuestSymbolTable? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(vcpu);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 4096);
        var result = new List<DisassembledInstruction>(count);
        using CapstonePowerPcDisassembler? capstone = TryCreateCapstone();
        Span<byte> bytes = stackalloc byte[4];
        for (int i = 0; i < count; i++)
        {
            ulong ea = (address & ~3UL) + (ulong)(4 * i);
            ulong pa = ea;
            if (!physical)
            {
                TranslationResult t = vcpu.Translate(ea, AccessKind.Execute);
                if (!t.Valid)
                {
                    result.Add(new DisassembledInstruction(ea, null, 0, "??", string.Empty, null, t.Fault) { Symbol = LabelOf(symbols, ea, physical) });
                    continue;
                }

                pa = t.PhysicalAddress;
            }

            try
            {
                vcpu.Vm.Memory.Read(pa, bytes);
            }
            catch (KvmException)
            {
                result.Add(new DisassembledInstruction(ea, null, 0, "??", string.Empty, null, "not guest RAM") { Symbol = LabelOf(symbols, ea, physical) });
                continue;
            }

            uint word = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            string? table = vcpu.Model.Family == CpuFamily.Ppc440 ? Cpu.Ppc440.Ppc440Core.Decoder.Decode(word)?.MnemonicFor(word) : null;
            string mnemonic = table ?? ".long";
            string operands = table is null ? $"0x{word:x8}" : string.Empty;
            if (capstone is not null)
            {
                PowerPcInstruction[] decoded = capstone.Disassemble(bytes.ToArray(), (long)ea);
                if (decoded.Length > 0)
                {
                    mnemonic = decoded[0].Mnemonic;
                    operands = decoded[0].Operand;
                }
            }

            result.Add(new DisassembledInstruction(ea, pa, word, mnemonic, operands, table, null) { Symbol = LabelOf(symbols, ea, physical) });
        }

        return result;
    }

    private static string? LabelOf(GuestSymbolTable? symbols, ulong address, bool physical)
    {
        if (symbols is null)
        {
            return null;
        }

        if (physical)
        {
            if (symbols.ToVirtual(address) is not { } va)
            {
                return null;
            }

            address = va;
        }

        return symbols.Label(address);
    }

    private static CapstonePowerPcDisassembler? TryCreateCapstone()
    {
        InstallResolver();
        try
        {
            return CapstoneDisassembler.CreatePowerPcDisassembler(PowerPcDisassembleMode.BigEndian | PowerPcDisassembleMode.Bit32);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException)
        {
            return null;
        }
    }

    /// <summary>
    /// When the engine is loaded as a PowerShell module (not as an application with a deps.json),
    /// .NET does not probe runtimes/&lt;rid&gt;/native; look for libcapstone there ourselves.
    /// </summary>
    private static void InstallResolver()
    {
        if (Interlocked.Exchange(ref s_resolverInstalled, 1) != 0)
        {
            return;
        }

        Assembly capstoneAssembly = typeof(CapstoneDisassembler).Assembly;
        try
        {
            NativeLibrary.SetDllImportResolver(capstoneAssembly, (name, assembly, searchPath) =>
            {
                if (!name.Contains("capstone", StringComparison.OrdinalIgnoreCase))
                {
                    return IntPtr.Zero;
                }

                string dir = Path.GetDirectoryName(assembly.Location) ?? AppContext.BaseDirectory;
                string file = OperatingSystem.IsWindows() ? "capstone.dll" : OperatingSystem.IsMacOS() ? "libcapstone.dylib" : "libcapstone.so";
                foreach (string candidate in new[] { Path.Combine(dir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file), Path.Combine(dir, file) })
                {
                    if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out IntPtr handle))
                    {
                        return handle;
                    }
                }

                return NativeLibrary.TryLoad(name, assembly, searchPath, out IntPtr fallback) ? fallback : IntPtr.Zero;
            });
        }
        catch (InvalidOperationException)
        {
            // Another component already installed a resolver for Capstone.
        }
    }
}
