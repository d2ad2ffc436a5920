namespace PpcVirt.Engine.Loaders;

/// <summary>
/// The ELF <c>e_machine</c> values PpcVirt loads (System V ABI, "Machine" table; the only two
/// QEMU's PowerPC targets accept).
/// </summary>
public enum ElfMachine : ushort
{
    /// <summary><c>EM_PPC</c> (20): 32-bit PowerPC.</summary>
    Ppc = 20,

    /// <summary><c>EM_PPC64</c> (21): 64-bit PowerPC.</summary>
    Ppc64 = 21,
}
