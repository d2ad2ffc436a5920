namespace PpcVirt.Engine.Debugging;

/// <summary>
/// One register of a GDB target description (GDB manual, "Target Descriptions" › "Registers": the
/// <c>&lt;reg&gt;</c> element) and the vCPU register it shows.
/// </summary>
/// <param name="Number">GDB register number (<c>regnum</c>): its position in the <c>g</c> packet and the number in <c>p</c>/<c>P</c>.</param>
/// <param name="Name">GDB's name, e.g. <c>r1</c>, <c>pc</c>, <c>fpscr</c>.</param>
/// <param name="BitSize">Width in bits (32 or 64); the wire form is BitSize/8 bytes in target byte order.</param>
/// <param name="Type">GDB type: <c>uint32</c>, <c>uint64</c>, <c>code_ptr</c>, <c>data_ptr</c>, <c>ieee_double</c>, <c>int</c>.</param>
/// <param name="Feature">The feature it belongs to, e.g. <c>org.gnu.gdb.power.core</c>.</param>
/// <param name="VcpuName">The name <see cref="Hypervisor.Vcpu.GetRegister"/> accepts for it, e.g. <c>PC</c>.</param>
/// <param name="Group">Optional GDB register group (<c>general</c>, <c>float</c>, <c>system</c>); null for the default.</param>
public sealed record GdbRegister(int Number, string Name, int BitSize, string Type, string Feature, string VcpuName, string? Group = null);
