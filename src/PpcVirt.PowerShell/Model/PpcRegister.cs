using System.Globalization;

namespace PpcVirt.PowerShell;

/// <summary>One vCPU register value (KVM_GET_ONE_REG by name).</summary>
public sealed class PpcRegister
{
    internal PpcRegister(string vmName, string name, ulong value)
    {
        VmName = vmName;
        Name = name;
        Value = value;
    }

    /// <summary>The VM's name.</summary>
    public string VmName { get; }

    /// <summary>Register name, e.g. <c>r3</c>, <c>MSR</c>, <c>PID</c>.</summary>
    public string Name { get; }

    /// <summary>Register value.</summary>
    public ulong Value { get; }

    /// <summary>The value in hex: 8 digits for 32-bit values, 16 otherwise.</summary>
    public string Hex => Value <= uint.MaxValue
        ? string.Create(CultureInfo.InvariantCulture, $"0x{Value:X8}")
        : string.Create(CultureInfo.InvariantCulture, $"0x{Value:X16}");

    /// <summary>Returns <c>Name = Hex</c>.</summary>
    public override string ToString() => $"{Name} = {Hex}";
}
