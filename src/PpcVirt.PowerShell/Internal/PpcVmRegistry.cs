using System.Management.Automation;
using PpcVirt.Engine.Machines;
using PpcVirt.Engine.Profiles;

namespace PpcVirt.PowerShell.Internal;

/// <summary>The per-process registry of VMs, by name (case-insensitive) and numeric id. Thread-safe.</summary>
internal static class PpcVmRegistry
{
    private static readonly object s_gate = new();
    private static readonly List<PpcVm> s_vms = [];
    private static int s_lastId;

    /// <summary>All VMs, ordered by id.</summary>
    public static IReadOnlyList<PpcVm> All
    {
        get
        {
            lock (s_gate)
            {
                return [.. s_vms];
            }
        }
    }

    /// <summary>True when a VM named <paramref name="name"/> exists.</summary>
    public static bool Contains(string name)
    {
        lock (s_gate)
        {
            return s_vms.Exists(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The VM named <paramref name="name"/>, or null.</summary>
    public static PpcVm? Find(string name)
    {
        lock (s_gate)
        {
            return s_vms.Find(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The VM with id <paramref name="id"/>, or null.</summary>
    public static PpcVm? Find(int id)
    {
        lock (s_gate)
        {
            return s_vms.Find(v => v.Id == id);
        }
    }

    /// <summary>VMs whose names match <paramref name="pattern"/> (wildcards allowed).</summary>
    public static IEnumerable<PpcVm> Match(string pattern)
    {
        var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
        return All.Where(v => wildcard.IsMatch(v.Name));
    }

    /// <summary>A free name: <paramref name="baseName"/>, else <c>baseName-2</c>, <c>-3</c>, ….</summary>
    public static string UniqueName(string baseName)
    {
        lock (s_gate)
        {
            string name = baseName;
            for (int n = 2; s_vms.Exists(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)); n++)
            {
                name = $"{baseName}-{n}";
            }

            return name;
        }
    }

    /// <summary>Registers a machine under <paramref name="name"/>; null when the name is taken.</summary>
    public static PpcVm? TryAdd(string name, Machine machine, MachineProfile? profile)
    {
        lock (s_gate)
        {
            if (s_vms.Exists(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var vm = new PpcVm(++s_lastId, name, machine, profile);
            s_vms.Add(vm);
            return vm;
        }
    }

    /// <summary>Removes <paramref name="vm"/> from the registry; false when it was not registered.</summary>
    public static bool Remove(PpcVm vm)
    {
        lock (s_gate)
        {
            return s_vms.Remove(vm);
        }
    }
}
