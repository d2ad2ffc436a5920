using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PpcVirt.PowerShell.Internal;

/// <summary>Tab completion of VM names (for <c>-Vm</c> and <c>-Name</c>): the VMs of this process whose names start with what was typed.</summary>
internal sealed class VmNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = wordToComplete.Trim('\'', '"');
        return PpcVmRegistry.Match("*")
            .Where(vm => vm.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(vm => vm.Name, StringComparer.OrdinalIgnoreCase)
            .Select(vm => new CompletionResult(Quote(vm.Name), vm.Name, CompletionResultType.ParameterValue, $"{vm.Machine} {vm.Cpu}, {vm.State}"));
    }

    internal static string Quote(string text) => text.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ';' or ',')
        ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'"
        : text;
}

/// <summary>
/// Tab completion of register names for <c>Get-PpcRegister</c>/<c>Set-PpcRegister -Name</c>: the names the
/// vCPU of the VM given with <c>-Vm</c> accepts (else those of the first VM of this process).
/// </summary>
internal sealed class RegisterNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        object? bound = fakeBoundParameters.Contains("Vm") ? fakeBoundParameters["Vm"] : null;
        if (bound is PSObject ps)
        {
            bound = ps.BaseObject;
        }

        PpcVm? vm = bound switch
        {
            PpcVm v => v,
            string name => PpcVmRegistry.Find(name),
            int id => PpcVmRegistry.Find(id),
            _ => null,
        } ?? PpcVmRegistry.Match("*").FirstOrDefault();
        if (vm is null || vm.State == PpcVmState.Removed)
        {
            return [];
        }

        string prefix = wordToComplete.Trim('\'', '"');
        return vm.Vcpu.RegisterNames
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}

/// <summary>Tab completion of machine profile paths for <c>New-PpcVm -Profile</c>: folders and <c>*.yaml</c>/<c>*.yml</c> files.</summary>
internal sealed class ProfilePathCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = wordToComplete.Trim('\'', '"');
        string current = Directory.GetCurrentDirectory();
        using (var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace))
        {
            ps.AddCommand("Get-Location");
            if (ps.Invoke().FirstOrDefault()?.BaseObject is PathInfo location && location.Provider.Name == "FileSystem")
            {
                current = location.ProviderPath;
            }
        }

        string dirPart = Path.GetDirectoryName(typed) ?? string.Empty;
        string filePart = Path.GetFileName(typed);
        string searchDir = Path.Combine(current, dirPart.Length == 0 ? "." : dirPart);
        if (!Directory.Exists(searchDir))
        {
            return [];
        }

        var results = new List<CompletionResult>();
        foreach (string dir in Directory.EnumerateDirectories(searchDir, filePart + "*").Order(StringComparer.Ordinal))
        {
            string text = Path.Combine(dirPart, Path.GetFileName(dir)) + Path.DirectorySeparatorChar;
            results.Add(new CompletionResult(VmNameCompleter.Quote(text), Path.GetFileName(dir), CompletionResultType.ProviderContainer, text));
        }

        foreach (string file in Directory.EnumerateFiles(searchDir, filePart + "*").Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            string text = Path.Combine(dirPart, Path.GetFileName(file));
            results.Add(new CompletionResult(VmNameCompleter.Quote(text), Path.GetFileName(file), CompletionResultType.ProviderItem, text));
        }

        return results;
    }
}
