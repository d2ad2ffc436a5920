namespace PpcVirt.Engine.Machines;

/// <summary>The machine (board) models PpcVirt builds.</summary>
public enum MachineType
{
    /// <summary>AMCC Bamboo (PPC440EP), as QEMU 7.2 <c>-M bamboo</c> presents it.</summary>
    Bamboo,
}
