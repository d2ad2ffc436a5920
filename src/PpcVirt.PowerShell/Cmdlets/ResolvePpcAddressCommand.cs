using System.Management.Automation;
using PpcVirt.Engine.Mmu;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Resolve-PpcAddress</c>: KVM_TRANSLATE — translates an effective address with the vCPU's current MSR and PID.</summary>
[Cmdlet(VerbsDiagnostic.Resolve, "PpcAddress")]
[OutputType(typeof(TranslationResult))]
public sealed class ResolvePpcAddressCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Effective addresses to translate.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [Alias("Address")]
    [BitPattern(64)]
    public ulong[] EffectiveAddress { get; set; } = [];

    /// <summary>Access kind: Read (default), Write or Execute.</summary>
    [Parameter]
    public AccessKind Access { get; set; } = AccessKind.Read;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        foreach (ulong ea in EffectiveAddress)
        {
            WriteObject(Vm.Vcpu.Translate(ea, Access));
        }
    }
}
