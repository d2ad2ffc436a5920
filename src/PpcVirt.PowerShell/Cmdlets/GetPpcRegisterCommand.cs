using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Get-PpcRegister</c>: vCPU registers by name (KVM_GET_ONE_REG), wildcards allowed.</summary>
[Cmdlet(VerbsCommon.Get, "PpcRegister")]
[OutputType(typeof(PpcRegister))]
public sealed class GetPpcRegisterCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Register names, e.g. <c>r3</c>, <c>MSR</c>, <c>r*</c>; default all. A name without wildcards that does not exist is an error.</summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegisterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        Vcpu vcpu = Vm.Vcpu;
        IReadOnlyList<string> known = vcpu.RegisterNames;
        foreach (string pattern in Name ?? ["*"])
        {
            if (!WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                string canonical = known.FirstOrDefault(n => string.Equals(n, pattern, StringComparison.OrdinalIgnoreCase)) ?? pattern;
                Emit(vcpu, canonical);
                continue;
            }

            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            foreach (string name in known.Where(n => wildcard.IsMatch(n)))
            {
                Emit(vcpu, name);
            }
        }
    }

    private void Emit(Vcpu vcpu, string name)
    {
        try
        {
            WriteObject(new PpcRegister(Vm.Name, name, vcpu.GetRegister(name)));
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, name, (Errno.EINVAL, "PpcVirt.InvalidRegister")));
        }
    }
}
