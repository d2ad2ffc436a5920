using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell;

/// <summary>One KVM_CHECK_EXTENSION result.</summary>
public sealed class PpcCapability
{
    internal PpcCapability(string vmName, Capability capability, int value)
    {
        VmName = vmName;
        Capability = capability;
        Value = value;
    }

    /// <summary>The VM's name.</summary>
    public string VmName { get; }

    /// <summary>The capability.</summary>
    public Capability Capability { get; }

    /// <summary>Capability name, e.g. <c>UserMemory</c>.</summary>
    public string Name => Capability.ToString();

    /// <summary>KVM_CAP_* number.</summary>
    public int Number => (int)Capability;

    /// <summary>The value KVM_CHECK_EXTENSION returns (0: unsupported).</summary>
    public int Value { get; }

    /// <summary>True when <see cref="Value"/> is not 0.</summary>
    public bool Supported => Value != 0;

    /// <summary>Returns <c>Name=Value</c>.</summary>
    public override string ToString() => $"{Name}={Value}";
}
