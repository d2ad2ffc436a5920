using System.Management.Automation;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Lets a <c>-Vm</c> parameter take a <see cref="PpcVm"/>, a VM name, a numeric VM id, or an object
/// that carries a VM (<see cref="PpcVcpu"/>, <see cref="PpcMemorySlot"/>). A name or id that names no
/// VM binds to <see cref="PpcVm.Unresolved"/>, which the cmdlet reports as <c>PpcVirt.VmNotFound</c>.
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
            int id => PpcVmRegistry.Find(id) ?? PpcVm.Unresolved($"with id {id}", id),
            long id => (id is >= int.MinValue and <= int.MaxValue ? PpcVmRegistry.Find((int)id) : null) ?? PpcVm.Unresolved($"with id {id}", id),
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
        PpcVmRegistry.Find(name) ?? PpcVm.Unresolved($"named '{name}'", name);
}
