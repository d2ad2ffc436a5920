using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace PpcVirt.Engine.Memory;

/// <summary>
/// Host memory that backs a guest memory slot (the <c>userspace_addr</c> of
/// KVM_SET_USER_MEMORY_REGION): zeroed, page-aligned anonymous mapped memory (zero-filled on first touch) that does not move, so the
/// engine can translate guest accesses to host pointers. Sizes are in bytes and must be a
/// multiple of <see cref="PageSize"/>.
/// </summary>
public sealed unsafe class HostMemory : IDisposable
{
    /// <summary>The host page size the engine aligns slots to: 4096 bytes.</summary>
    public const int PageSize = 4096;

    private byte* _base;
    private MemoryMappedFile? _mapping;
    private MemoryMappedViewAccessor? _view;

    /// <summary>Allocates <paramref name="sizeBytes"/> zeroed bytes.</summary>
    /// <param name="sizeBytes">Size in bytes; a positive multiple of 4096.</param>
    /// <exception cref="ArgumentOutOfRangeException">Size not positive or not page-aligned.</exception>
    /// <exception cref="OutOfMemoryException">The host could not provide the memory.</exception>
    public HostMemory(long sizeBytes)
    {
        if (sizeBytes <= 0 || sizeBytes % PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, "Host memory size must be a positive multiple of 4096 bytes.");
        }

        SizeBytes = sizeBytes;

        // An anonymous mapping: page-aligned, zero-filled by the host kernel on first touch, so a
        // large guest RAM costs nothing until the guest uses it (no up-front memset).
        _mapping = MemoryMappedFile.CreateNew(null, sizeBytes, MemoryMappedFileAccess.ReadWrite);
        _view = _mapping.CreateViewAccessor(0, sizeBytes, MemoryMappedFileAccess.ReadWrite);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _base = p + _view.PointerOffset;
        PageCount = sizeBytes / PageSize;
        CodeFlags = (byte*)NativeMemory.AllocZeroed((nuint)PageCount);
        DecodedPages = new Cpu.Decoding.DecodedPage?[PageCount];
    }

    /// <summary>Size in bytes.</summary>
    public long SizeBytes { get; }

    /// <summary>Base pointer of the backing; valid until <see cref="Dispose"/>.</summary>
    internal byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_base == null, this);
            return _base;
        }
    }

    /// <summary>Number of 4 KiB pages.</summary>
    public long PageCount { get; }

    /// <summary>
    /// One byte per 4 KiB host page: non-zero while the engine holds predecoded instructions for
    /// that page. Stores check it and drop the page's decode cache (self-modifying code).
    /// </summary>
    internal byte* CodeFlags { get; private set; }

    /// <summary>Predecoded instructions per 4 KiB host page (null: none yet).</summary>
    internal Cpu.Decoding.DecodedPage?[] DecodedPages { get; }

    /// <summary>Drops the predecoded instructions of host page <paramref name="page"/> (it was written).</summary>
    internal void InvalidateCode(long page)
    {
        CodeFlags[page] = 0;
        DecodedPages[page] = null;
        CodeVersion++;
    }

    /// <summary>Incremented whenever a page's predecoded instructions are dropped.</summary>
    internal int CodeVersion { get; private set; }

    /// <summary>The backing as a span (for loaders and the VMM).</summary>
    public Span<byte> AsSpan(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset + length > SizeBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "Range outside the host memory.");
        }

        return new Span<byte>(Pointer + offset, length);
    }

    /// <summary>Zeroes the whole backing and drops all predecoded code (board reset).</summary>
    public void Clear()
    {
        // Give the pages back to the host (they read as zero again, and cost nothing until touched)
        // instead of writing zeros over all of them: a 4 GiB slot would otherwise be committed in full.
        if (!OperatingSystem.IsLinux() || Madvise(Pointer, (nuint)SizeBytes, MadviseRemove) != 0)
        {
            NativeMemory.Clear(Pointer, (nuint)SizeBytes);
        }

        for (long p = 0; p < PageCount; p++)
        {
            if (CodeFlags[p] != 0)
            {
                InvalidateCode(p);
            }
        }
    }

    /// <summary>Linux MADV_REMOVE: frees the pages of a shared mapping; later reads see zeros.</summary>
    private const int MadviseRemove = 9;

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(void* address, nuint length, int advice);

    /// <summary>Releases the native memory.</summary>
    public void Dispose()
    {
        if (_base != null)
        {
            _view!.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _mapping!.Dispose();
            NativeMemory.Free(CodeFlags);
            _base = null;
            CodeFlags = null;
        }
    }
}
