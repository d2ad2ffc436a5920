using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell;

/// <summary>A vCPU of a <see cref="PpcVm"/> as Get-PpcVcpu shows it (live values).</summary>
public sealed class PpcVcpu
{
    internal PpcVcpu(PpcVm vm, Vcpu vcpu)
    {
        Vm = vm;
        Vcpu = vcpu;
    }

    /// <summary>The VM the vCPU belongs to.</summary>
    public PpcVm Vm { get; }

    /// <summary>The VM's name.</summary>
    public string VmName => Vm.Name;

    /// <summary>The vCPU id (PIR).</summary>
    public int Id => Vcpu.Id;

    /// <summary>CPU model name.</summary>
    public string Model => Vcpu.Model.Name;

    /// <summary>Processor Version Register value.</summary>
    public uint Pvr => Vcpu.Model.Pvr;

    /// <summary>The next instruction's effective address.</summary>
    public ulong ProgramCounter => Vcpu.ProgramCounter;

    /// <summary>Guest instructions completed since creation or reset.</summary>
    public ulong InstructionsRetired => Vcpu.InstructionsRetired;

    /// <summary>Whether the vCPU is executing.</summary>
    public PpcVcpuState State => Vcpu.IsRunning ? PpcVcpuState.Running : PpcVcpuState.Idle;

    /// <summary>The engine vCPU.</summary>
    public Vcpu Vcpu { get; }

    /// <summary>Returns <c>VmName/vcpuId</c>.</summary>
    public override string ToString() => $"{VmName}/{Id}";
}
