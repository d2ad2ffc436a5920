namespace PpcVirt.PowerShell;

/// <summary>
/// One KVM_GET_DIRTY_LOG result (<c>Get-PpcDirtyLog</c>): the 4 KiB pages of a memory slot that
/// guest stores reached since the slot got LogDirtyPages or since the previous read.
/// </summary>
public sealed class PpcDirtyLog
{
    internal PpcDirtyLog(string vmName, int slot, ulong guestPhysicalAddress, long pageCount, ulong[] bitmap)
    {
        VmName = vmName;
        Slot = slot;
        GuestPhysicalAddress = guestPhysicalAddress;
        PageCount = pageCount;
        Bitmap = bitmap;
        var pages = new List<ulong>();
        for (long p = 0; p < pageCount; p++)
        {
            if ((bitmap[p / 64] & (1ul << (int)(p % 64))) != 0)
            {
                pages.Add(guestPhysicalAddress + ((ulong)p * 4096));
            }
        }

        DirtyPages = [.. pages];
    }

    /// <summary>The VM's name.</summary>
    public string VmName { get; }

    /// <summary>Slot id.</summary>
    public int Slot { get; }

    /// <summary>First guest physical byte of the slot.</summary>
    public ulong GuestPhysicalAddress { get; }

    /// <summary>Pages (4 KiB) in the slot.</summary>
    public long PageCount { get; }

    /// <summary>The KVM_GET_DIRTY_LOG bitmap: bit <c>p % 64</c> of element <c>p / 64</c> is page <c>p</c> of the slot.</summary>
    public ulong[] Bitmap { get; }

    /// <summary>Guest physical addresses of the dirty pages, ascending.</summary>
    public ulong[] DirtyPages { get; }

    /// <summary>Number of dirty pages.</summary>
    public int DirtyPageCount => DirtyPages.Length;

    /// <summary>Returns a short description.</summary>
    public override string ToString() => $"slot {Slot}: {DirtyPageCount} of {PageCount} pages dirty";
}
