namespace PpcVirt.Engine.Loaders;

/// <summary>
/// The ELF object file type (<c>e_type</c>, System V ABI "ELF header"). Values outside this list
/// (OS- or processor-specific) are kept as their raw number. The loader does not require a
/// particular type: like QEMU's <c>load_elf</c> it only looks at the PT_LOAD segments.
/// </summary>
public enum ElfFileType : ushort
{
    /// <summary><c>ET_NONE</c> (0): no file type.</summary>
    None = 0,

    /// <summary><c>ET_REL</c> (1): relocatable object.</summary>
    Relocatable = 1,

    /// <summary><c>ET_EXEC</c> (2): executable (a kernel or bare-metal guest).</summary>
    Executable = 2,

    /// <summary><c>ET_DYN</c> (3): shared object / position-independent executable.</summary>
    SharedObject = 3,

    /// <summary><c>ET_CORE</c> (4): core dump.</summary>
    Core = 4,
}
