namespace PpcVirt.Engine.Loaders;

/// <summary>
/// One named entry of an ELF symbol table (<c>SHT_SYMTAB</c>; System V ABI "Symbol Table").
/// </summary>
/// <param name="Name">Symbol name from the linked string table.</param>
/// <param name="Value"><c>st_value</c>: for executables, the symbol's (virtual) address.</param>
/// <param name="Size"><c>st_size</c>: object or function size in bytes (0: unknown).</param>
/// <param name="Type"><c>ELF_ST_TYPE(st_info)</c>: 0 NOTYPE, 1 OBJECT, 2 FUNC, 3 SECTION, 4 FILE.</param>
/// <param name="Binding"><c>ELF_ST_BIND(st_info)</c>: 0 LOCAL, 1 GLOBAL, 2 WEAK.</param>
/// <param name="SectionIndex"><c>st_shndx</c>: index of the defining section (0: undefined, 0xfff1: absolute).</param>
public sealed record ElfSymbol(string Name, ulong Value, ulong Size, byte Type, byte Binding, ushort SectionIndex)
{
    /// <summary><c>STT_FUNC</c>: the symbol is code.</summary>
    public const byte TypeFunction = 2;

    /// <summary><c>STT_OBJECT</c>: the symbol is data.</summary>
    public const byte TypeObject = 1;

    /// <summary><c>STB_GLOBAL</c>.</summary>
    public const byte BindingGlobal = 1;

    /// <summary><c>STB_LOCAL</c>.</summary>
    public const byte BindingLocal = 0;
}
