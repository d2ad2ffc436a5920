using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Set-PpcRegister</c>: sets a vCPU register by name (KVM_SET_ONE_REG).</summary>
[Cmdlet(VerbsCommon.Set, "PpcRegister", SupportsShouldProcess = true)]
[OutputType(typeof(PpcRegister))]
public sealed class SetPpcRegisterCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Register name, e.g. <c>r3</c>, <c>PC</c>, <c>MSR</c>.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegisterNameCompleter))]
    public string Name { get; set; } = null!;

    /// <summary>New value.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [BitPattern(64)]
    public ulong Value { get; set; }

    /// <summary>Output the register as read back.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm) || !ShouldProcess($"{Vm.Name}/{Name}", $"Set register to 0x{Value:X}"))
        {
            return;
        }

        string name = Vm.Vcpu.RegisterNames.FirstOrDefault(n => string.Equals(n, Name, StringComparison.OrdinalIgnoreCase)) ?? Name;
        try
        {
            Vm.Vcpu.SetRegister(name, Value);
            if (PassThru)
            {
                WriteObject(new PpcRegister(Vm.Name, name, Vm.Vcpu.GetRegister(name)));
            }
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, Name, (Errno.EINVAL, "PpcVirt.InvalidRegister")));
        }
    }
}
