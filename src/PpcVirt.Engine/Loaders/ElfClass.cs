namespace PpcVirt.Engine.Loaders;

/// <summary>
/// The ELF file class (<c>e_ident[EI_CLASS]</c>, System V ABI "ELF header"): the width of
/// addresses, offsets and sizes in the headers.
/// </summary>
public enum ElfClass
{
    /// <summary><c>ELFCLASS32</c> (1): 32-bit headers (Elf32_Ehdr, 52 bytes; Elf32_Phdr, 32 bytes).</summary>
    Elf32 = 1,

    /// <summary><c>ELFCLASS64</c> (2): 64-bit headers (Elf64_Ehdr, 64 bytes; Elf64_Phdr, 56 bytes).</summary>
    Elf64 = 2,
}
