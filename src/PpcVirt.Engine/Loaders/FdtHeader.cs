namespace PpcVirt.Engine.Loaders;

/// <summary>
/// The header of a flattened devicetree blob (Devicetree Specification v0.4 §5.2,
/// <c>struct fdt_header</c>): ten big-endian u32 fields. Offsets are from the start of the blob,
/// sizes in bytes.
/// </summary>
/// <param name="Magic"><c>magic</c>: 0xD00DFEED.</param>
/// <param name="TotalSize"><c>totalsize</c>: size of the whole blob including padding.</param>
/// <param name="OffDtStruct"><c>off_dt_struct</c>: offset of the structure block.</param>
/// <param name="OffDtStrings"><c>off_dt_strings</c>: offset of the strings block.</param>
/// <param name="OffMemRsvmap"><c>off_mem_rsvmap</c>: offset of the memory reservation block (8-byte aligned).</param>
/// <param name="Version"><c>version</c>: 17 for blobs written here.</param>
/// <param name="LastCompVersion"><c>last_comp_version</c>: 16 for blobs written here.</param>
/// <param name="BootCpuIdPhys"><c>boot_cpuid_phys</c>: the <c>reg</c> of the boot CPU node.</param>
/// <param name="SizeDtStrings"><c>size_dt_strings</c>: length of the strings block.</param>
/// <param name="SizeDtStruct"><c>size_dt_struct</c>: length of the structure block.</param>
public readonly record struct FdtHeader(
    uint Magic,
    uint TotalSize,
    uint OffDtStruct,
    uint OffDtStrings,
    uint OffMemRsvmap,
    uint Version,
    uint LastCompVersion,
    uint BootCpuIdPhys,
    uint SizeDtStrings,
    uint SizeDtStruct);
