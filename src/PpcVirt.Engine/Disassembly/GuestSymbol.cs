namespace PpcVirt.Engine.Disassembly;

/// <summary>
/// One guest symbol a <see cref="GuestSymbolTable"/> labels addresses with: from an ELF
/// <c>SHT_SYMTAB</c> entry (System V ABI "Symbol Table") or a line of a Linux <c>System.map</c>
/// (<c>nm -n</c> output: <c>address type name</c>).
/// </summary>
/// <param name="Name">The symbol name, e.g. <c>main</c> or <c>start_kernel</c>.</param>
/// <param name="Address">The symbol's (effective, i.e. virtual) address: ELF <c>st_value</c>, or the System.map address.</param>
/// <param name="Size">Size in bytes: ELF <c>st_size</c> (0: unknown); always 0 from a System.map.</param>
/// <param name="IsCode">True for code: ELF <c>STT_FUNC</c> (or <c>STT_NOTYPE</c> in an executable segment), System.map types <c>T</c>/<c>t</c>/<c>W</c>/<c>w</c>.</param>
/// <param name="IsGlobal">True for an ELF <c>STB_GLOBAL</c>/<c>STB_WEAK</c> symbol or an upper-case System.map type.</param>
public sealed record GuestSymbol(string Name, ulong Address, ulong Size, bool IsCode, bool IsGlobal);
