namespace PpcVirt.Engine.Mmu;

/// <summary>The kind of storage access a translation is for.</summary>
public enum AccessKind
{
    /// <summary>Data load.</summary>
    Read,
    /// <summary>Data store.</summary>
    Write,
    /// <summary>Instruction fetch.</summary>
    Execute,
}
