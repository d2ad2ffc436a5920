using System.Management.Automation;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Lets a <c>-Vm</c> parameter take a <see cref="PpcVm"/>, a VM name, a numeric VM id, or an object
/// that carries a VM (<see cref="PpcVcpu"/>, <see cref="PpcMemorySlot"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class PpcVmTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (inputData is Array array)
        {
            return array.Cast<object?>().Select(Convert).ToArray();
        }

        return Convert(inputData);
    }

    private static object? Convert(object? inputData)
    {
        object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value switch
        {
            PpcVm vm => vm,
            PpcVcpu vcpu => vcpu.Vm,
            PpcMemorySlot slot => slot.Vm,
            PpcTlbEntry or PpcRegister or PpcVcpuExit => FindByName(GetVmName(value)),
            string name => FindByName(name),
            int id => PpcVmRegistry.Find(id) ?? throw new ArgumentTransformationMetadataException($"No VM with id {id} exists."),
            long id => PpcVmRegistry.Find((int)id) ?? throw new ArgumentTransformationMetadataException($"No VM with id {id} exists."),
            _ => inputData,
        };
    }

    private static string GetVmName(object value) => value switch
    {
        PpcTlbEntry t => t.VmName,
        PpcRegister r => r.VmName,
        PpcVcpuExit e => e.VmName,
        _ => string.Empty,
    };

    private static PpcVm FindByName(string name) =>
        PpcVmRegistry.Find(name) ?? throw new ArgumentTransformationMetadataException($"No VM named '{name}' exists.");
}
