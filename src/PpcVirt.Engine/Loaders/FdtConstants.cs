namespace PpcVirt.Engine.Loaders;

/// <summary>
/// Numbers of the flattened devicetree (DTB) format, Devicetree Specification v0.4 chapter 5.
/// All multi-byte values in a blob are big-endian.
/// </summary>
public static class FdtConstants
{
    /// <summary>Header <c>magic</c>: 0xD00DFEED (§5.2).</summary>
    public const uint Magic = 0xD00DFEED;

    /// <summary>The format version written: 17 (§5.2).</summary>
    public const uint Version = 17;

    /// <summary>The oldest version a version-17 blob is compatible with: 16 (§5.2).</summary>
    public const uint LastCompatibleVersion = 16;

    /// <summary>Size of the version-17 header in bytes: ten 32-bit fields (§5.2).</summary>
    public const int HeaderSize = 40;

    /// <summary><c>FDT_BEGIN_NODE</c> (0x1): a node starts; followed by its NUL-terminated unit name padded to 4 bytes (§5.4.1).</summary>
    public const uint BeginNode = 0x1;

    /// <summary><c>FDT_END_NODE</c> (0x2): the current node ends (§5.4.1).</summary>
    public const uint EndNode = 0x2;

    /// <summary><c>FDT_PROP</c> (0x3): a property; followed by u32 len, u32 nameoff and len value bytes padded to 4 (§5.4.1).</summary>
    public const uint Prop = 0x3;

    /// <summary><c>FDT_NOP</c> (0x4): ignored by readers (§5.4.1).</summary>
    public const uint Nop = 0x4;

    /// <summary><c>FDT_END</c> (0x9): end of the structure block (§5.4.1).</summary>
    public const uint End = 0x9;
}
