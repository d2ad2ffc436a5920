using System.Management.Automation;
using System.Runtime.CompilerServices;
using PpcVirt.Engine.Disassembly;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// The guest symbols a cmdlet labels addresses with: from a <c>-SymbolPath</c> (an ELF or a
/// System.map) or else from the ELF kernel the VM loaded (<see cref="PpcVm.KernelPath"/>). Tables
/// are cached per VM and file (path, size and last write time), so a listing does not parse the
/// kernel again.
/// </summary>
internal static class GuestSymbols
{
    private static readonly ConditionalWeakTable<PpcVm, CacheEntry> s_cache = [];

    /// <summary>
    /// The table for <paramref name="vm"/>; <see cref="GuestSymbolTable.Empty"/> when the VM has no
    /// kernel or its kernel cannot be read. Null (after writing an error) when <paramref name="symbolPath"/>
    /// was given and cannot be loaded: <c>PpcVirt.SymbolFileNotFound</c> or <c>PpcVirt.InvalidSymbolFile</c>.
    /// </summary>
    public static GuestSymbolTable? For(PSCmdlet cmdlet, PpcVm vm, string? symbolPath)
    {
        string? path = symbolPath is null ? vm.KernelPath : cmdlet.ResolvePath(symbolPath);
        if (path is null)
        {
            return GuestSymbolTable.Empty;
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            if (symbolPath is not null)
            {
                cmdlet.WriteError(PpcErrors.Create("PpcVirt.SymbolFileNotFound", ErrorCategory.ObjectNotFound, $"The symbol file '{path}' does not exist (ENOENT); give an ELF image or a System.map.", path));
                return null;
            }

            return GuestSymbolTable.Empty;
        }

        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        if (s_cache.TryGetValue(vm, out CacheEntry? cached) && cached.Key == key)
        {
            return cached.Table;
        }

        GuestSymbolTable table;
        try
        {
            table = GuestSymbolTable.Load(file.FullName);
        }
        catch (KvmException ex)
        {
            if (symbolPath is not null)
            {
                cmdlet.WriteError(PpcErrors.FromKvm(ex, path, (Errno.ENOENT, "PpcVirt.SymbolFileNotFound"), (Errno.ENOEXEC, "PpcVirt.InvalidSymbolFile"), (Errno.EIO, "PpcVirt.InvalidSymbolFile")));
                return null;
            }

            cmdlet.WriteVerbose($"No symbols from the kernel '{path}': {ex.Message}");
            return GuestSymbolTable.Empty;
        }

        s_cache.AddOrUpdate(vm, new CacheEntry(key, table));
        return table;
    }

    private sealed record CacheEntry((string Path, long Length, DateTime Written) Key, GuestSymbolTable Table);
}
