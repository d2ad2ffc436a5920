namespace PpcVirt.PowerShell;

/// <summary>The life-cycle state of a <see cref="PpcVm"/> as the module tracks it.</summary>
public enum PpcVmState
{
    /// <summary>Created by New-PpcVm; the vCPU has not run yet.</summary>
    Created,
    /// <summary>Start-PpcVcpu is running the vCPU.</summary>
    Running,
    /// <summary>The last run returned an exit (see <see cref="PpcVm.LastExit"/>).</summary>
    Stopped,
    /// <summary>Reset-PpcVm reset the board, or the guest requested a system reset.</summary>
    Reset,
    /// <summary>The guest shut the machine down.</summary>
    Shutdown,
    /// <summary>Remove-PpcVm removed the VM and freed its memory.</summary>
    Removed,
}
