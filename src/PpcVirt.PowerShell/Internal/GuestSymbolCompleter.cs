using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PpcVirt.Engine.Disassembly;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Tab completion of guest symbol names (<c>Get-PpcDisassembly -Symbol</c>): the names in the ELF
/// kernel of the VM given as <c>-Vm</c> (a VM object, name or id) or in <c>-SymbolPath</c>,
/// starting with what was typed (case-sensitive, as symbol names are), code symbols first, at most 200.
/// </summary>
internal sealed class GuestSymbolCompleter : IArgumentCompleter
{
    private const int MaxResults = 200;

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? path = null;
        if (fakeBoundParameters["SymbolPath"] is { } symbolPath)
        {
            path = Unwrap(symbolPath) as string;
        }
        else
        {
            path = Unwrap(fakeBoundParameters["Vm"]) switch
            {
                PpcVm vm => vm.KernelPath,
                string name => PpcVmRegistry.Find(name)?.KernelPath,
                int id => PpcVmRegistry.Find(id)?.KernelPath,
                _ => null,
            };
        }

        if (path is null || !File.Exists(path))
        {
            return [];
        }

        GuestSymbolTable table;
        try
        {
            table = GuestSymbolTable.Load(path);
        }
        catch (Engine.Hypervisor.KvmException)
        {
            return [];
        }

        string prefix = wordToComplete.Trim('\'', '"');
        return table.Symbols
            .Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(s => s.IsCode)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(MaxResults)
            .Select(s => new CompletionResult(s.Name, s.Name, CompletionResultType.ParameterValue, $"0x{s.Address:x} {(s.IsCode ? "code" : "data")}{(s.Size > 0 ? $", {s.Size} bytes" : string.Empty)}"));
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
