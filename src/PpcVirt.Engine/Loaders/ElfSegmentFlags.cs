namespace PpcVirt.Engine.Loaders;

/// <summary>The program header <c>p_flags</c> permission bits (System V ABI "Segment Permissions").</summary>
[Flags]
public enum ElfSegmentFlags : uint
{
    /// <summary>No permission bits.</summary>
    None = 0,

    /// <summary><c>PF_X</c> (1): executable.</summary>
    Execute = 1,

    /// <summary><c>PF_W</c> (2): writable.</summary>
    Write = 2,

    /// <summary><c>PF_R</c> (4): readable.</summary>
    Read = 4,
}
