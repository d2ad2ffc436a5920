using System.Management.Automation;

namespace PpcVirt.PowerShell.Internal;

/// <summary>Helpers the cmdlets share.</summary>
internal static class CmdletExtensions
{
    /// <summary>False (and a <c>PpcVirt.VmNotFound</c> error) when <paramref name="vm"/> was removed or names no VM.</summary>
    public static bool CheckUsable(this Cmdlet cmdlet, PpcVm vm)
    {
        if (vm.State != PpcVmState.Removed)
        {
            return true;
        }

        cmdlet.WriteError(vm.UnresolvedDescription is { } what
            ? PpcErrors.VmNotFound(what, vm.Name)
            : PpcErrors.VmNotFound($"named '{vm.Name}' (it was removed)", vm));
        return false;
    }

    /// <summary>Resolves a path against the current PowerShell location (not the process directory).</summary>
    public static string ResolvePath(this PSCmdlet cmdlet, string path) =>
        cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
