using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PpcVirt.Engine.Cpu.BookE;
using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Devices;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// Storage access: the shadow TLB (direct-mapped, generation-tagged, so a flush is O(1)), the
/// load/store fast paths (one tag compare and a host pointer), and the slow path that walks the
/// guest TLB, checks permissions with seed 004's mapping, and reaches RAM, MMIO devices or the VMM.
/// </summary>
internal sealed unsafe partial class Ppc440Core
{
    private const int ShadowSize = 256;
    private const int ShadowMaskIndex = ShadowSize - 1;

    private ShadowEntry* _shadowRead;
    private ShadowEntry* _shadowWrite;
    private ShadowEntry* _shadowExec;
    private uint _generation;
    private uint _dataContext;
    private uint _dataContextAny;
    private uint _instrContext;
    private uint _instrContextAny;
    private int _memoryVersion = -1;
    private int _runThread;

    private readonly List<ReplayRecord> _replay = [];
    private int _replayPosition;

    private void AllocateShadow()
    {
        nuint bytes = (nuint)(sizeof(ShadowEntry) * ShadowSize);
        _shadowRead = (ShadowEntry*)NativeMemory.AllocZeroed(bytes);
        _shadowWrite = (ShadowEntry*)NativeMemory.AllocZeroed(bytes);
        _shadowExec = (ShadowEntry*)NativeMemory.AllocZeroed(bytes);
        _generation = 1;
    }

    private void FreeShadow()
    {
        NativeMemory.Free(_shadowRead);
        NativeMemory.Free(_shadowWrite);
        NativeMemory.Free(_shadowExec);
    }

    /// <summary>Drops every cached translation (O(1): a new generation).</summary>
    internal void FlushShadow()
    {
        Statistics.ShadowFlushes++;
        _generation++;
        if (_generation >= (1u << 23))
        {
            nuint bytes = (nuint)(sizeof(ShadowEntry) * ShadowSize);
            NativeMemory.Clear(_shadowRead, bytes);
            NativeMemory.Clear(_shadowWrite, bytes);
            NativeMemory.Clear(_shadowExec, bytes);
            _generation = 1;
        }

        UpdateContext();
    }

    /// <summary>
    /// Drops every write translation (KVM_GET_DIRTY_LOG asked for it): the next store to each page
    /// takes the slow path, which marks the page in its slot's dirty log before it caches the
    /// translation again. Runs on the vCPU thread; then tells the waiting reader.
    /// </summary>
    private void FlushWriteShadow()
    {
        NativeMemory.Clear(_shadowWrite, (nuint)(sizeof(ShadowEntry) * ShadowSize));
        _writeShadowFlushRequested = 0;
        _vm.PulseRunGate();
    }

    /// <summary>Recomputes the context words the fast paths compare (generation, MSR[IS]/[DS], PID).</summary>
    internal void UpdateContext()
    {
        uint gen = _generation << 9;
        uint pid = S->Pid & 0xFF;
        uint ds = (S->Msr & Msr.DS) != 0 ? 0x100u : 0;
        uint @is = (S->Msr & Msr.IS) != 0 ? 0x100u : 0;
        _dataContext = gen | ds | pid;
        _dataContextAny = gen | ds;
        _instrContext = gen | @is | pid;
        _instrContextAny = gen | @is;
        _fetchTag = NoFetchTag;
    }

    private void PrepareRun()
    {
        _runThread = Environment.CurrentManagedThreadId;
        if (_writeShadowFlushRequested != 0)
        {
            FlushWriteShadow();
        }

        if (_memoryVersion != _memory.Version)
        {
            _memoryVersion = _memory.Version;
            FlushShadow();
        }

        _fetchTag = NoFetchTag;
    }

    // ---- fast paths -------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* ReadHost(uint ea, uint last)
    {
        ShadowEntry* e = _shadowRead + ((ea >> 12) & ShadowMaskIndex);
        uint c = e->Context;
        if ((ea & e->Mask) == e->Tag && ((ea + last) & e->Mask) == e->Tag && (c == _dataContext || c == _dataContextAny))
        {
            return e->Host + (ea - e->Tag);
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* WriteHost(uint ea, uint last)
    {
        ShadowEntry* e = _shadowWrite + ((ea >> 12) & ShadowMaskIndex);
        uint c = e->Context;
        if ((ea & e->Mask) == e->Tag && ((ea + last) & e->Mask) == e->Tag && (c == _dataContext || c == _dataContextAny))
        {
            // No write entry exists for a page that holds predecoded code (see FillShadow and
            // SetFetchWindow), so a store here cannot modify code: no code-flag check needed.
            return e->Host + (ea - e->Tag);
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte Load8(uint ea)
    {
        byte* p = ReadHost(ea, 0);
        return p != null ? *p : (byte)SlowLoad(ea, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ushort Load16(uint ea)
    {
        byte* p = ReadHost(ea, 1);
        return p != null ? BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(p)) : (ushort)SlowLoad(ea, 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint Load32(uint ea)
    {
        byte* p = ReadHost(ea, 3);
        return p != null ? BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(p)) : (uint)SlowLoad(ea, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong Load64(uint ea)
    {
        byte* p = ReadHost(ea, 7);
        return p != null ? BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(p)) : SlowLoad(ea, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Store8(uint ea, byte value)
    {
        byte* p = WriteHost(ea, 0);
        if (p != null)
        {
            *p = value;
        }
        else
        {
            SlowStore(ea, 1, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Store16(uint ea, ushort value)
    {
        byte* p = WriteHost(ea, 1);
        if (p != null)
        {
            Unsafe.WriteUnaligned(p, BinaryPrimitives.ReverseEndianness(value));
        }
        else
        {
            SlowStore(ea, 2, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Store32(uint ea, uint value)
    {
        byte* p = WriteHost(ea, 3);
        if (p != null)
        {
            Unsafe.WriteUnaligned(p, BinaryPrimitives.ReverseEndianness(value));
        }
        else
        {
            SlowStore(ea, 4, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Store64(uint ea, ulong value)
    {
        byte* p = WriteHost(ea, 7);
        if (p != null)
        {
            Unsafe.WriteUnaligned(p, BinaryPrimitives.ReverseEndianness(value));
        }
        else
        {
            SlowStore(ea, 8, value);
        }
    }

    /// <summary>Checks that a store to <paramref name="ea"/> would succeed (translation and permission) without storing: used by stwcx. and string stores to keep them atomic.</summary>
    internal void ProbeWrite(uint ea) => Translate(ea, AccessKind.Write, fault: true, out _, out _);

    // ---- slow paths -------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong SlowLoad(uint ea, int size)
    {
        Statistics.SlowAccesses++;
        if (_watching)
        {
            CheckWatch(ea, size, isWrite: false);
        }

        if ((ea & 0x3FF) + (uint)size > 0x400)
        {
            ulong v = 0;
            for (int i = 0; i < size; i++)
            {
                v = (v << 8) | SlowLoad(ea + (uint)i, 1);
            }

            return v;
        }

        int index = Translate(ea, AccessKind.Read, fault: true, out ulong pa, out uint attrib);
        bool little = (attrib & Ppc440Tlb.AttrE) != 0;
        MemorySlot? slot = _memory.FindSlot(pa);
        if (slot is not null)
        {
            byte* host = HostPointer(slot, pa);
            ulong v = 0;
            for (int i = 0; i < size; i++)
            {
                v = (v << 8) | host[i];
            }

            if (!little)
            {
                FillShadow(_shadowRead, ea, index, slot, pa);
                return v;
            }

            return ByteSwap(v, size);
        }

        ulong value = DeviceOrExitRead(pa, size);
        return little ? ByteSwap(value, size) : value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SlowStore(uint ea, int size, ulong value)
    {
        Statistics.SlowAccesses++;
        if (_watching)
        {
            CheckWatch(ea, size, isWrite: true);
        }

        if ((ea & 0x3FF) + (uint)size > 0x400)
        {
            for (int i = 0; i < size; i++)
            {
                ProbeWrite(ea + (uint)i);
            }

            for (int i = 0; i < size; i++)
            {
                SlowStore(ea + (uint)i, 1, (value >> (8 * (size - 1 - i))) & 0xFF);
            }

            return;
        }

        int index = Translate(ea, AccessKind.Write, fault: true, out ulong pa, out uint attrib);
        bool little = (attrib & Ppc440Tlb.AttrE) != 0;
        if (little)
        {
            value = ByteSwap(value, size);
        }

        MemorySlot? slot = _memory.FindSlot(pa);
        if (slot is not null && (slot.Flags & MemorySlotFlags.ReadOnly) == 0)
        {
            // Marked before the write translation is cached below: a cached write entry always
            // belongs to a page already marked since the last KVM_GET_DIRTY_LOG.
            slot.MarkDirty(pa);
            byte* host = HostPointer(slot, pa);
            long page = (slot.HostOffset + (long)(pa - slot.GuestPhysicalAddress)) / HostMemory.PageSize;
            if (slot.Backing.CodeFlags[page] != 0)
            {
                slot.Backing.InvalidateCode(page);
                _fetchTag = NoFetchTag;
            }

            for (int i = size - 1; i >= 0; i--)
            {
                host[i] = (byte)value;
                value >>= 8;
            }

            if (!little && slot.Backing.CodeFlags[page] == 0)
            {
                FillShadow(_shadowWrite, ea, index, slot, pa);
            }

            return;
        }

        DeviceOrExitWrite(pa, size, value);
    }

    private static ulong ByteSwap(ulong v, int size) => size switch
    {
        2 => BinaryPrimitives.ReverseEndianness((ushort)v),
        4 => BinaryPrimitives.ReverseEndianness((uint)v),
        8 => BinaryPrimitives.ReverseEndianness(v),
        _ => v,
    };

    private static byte* HostPointer(MemorySlot slot, ulong pa) =>
        slot.Backing.Pointer + slot.HostOffset + (long)(pa - slot.GuestPhysicalAddress);

    private void FillShadow(ShadowEntry* table, uint ea, int index, MemorySlot slot, ulong pa)
    {
        if (_watching)
        {
            return;
        }

        uint mask = _tlb.PageMask(index) == 0xFFFF_FC00 ? 0xFFFF_FC00 : 0xFFFF_F000;
        uint tag = ea & mask;
        ulong paTag = pa - (ea - tag);
        ShadowEntry* e = table + ((ea >> 12) & ShadowMaskIndex);
        e->Tag = tag;
        e->Mask = mask;
        e->Context = (_generation << 9) | ((_tlb.Word0(index) & Ppc440Tlb.TsBit) != 0 ? 0x100u : 0) | _tlb.Tid(index);
        e->Host = HostPointer(slot, paTag);
    }

    /// <summary>
    /// A host page starts to hold predecoded code: drops every write entry that points into it (any
    /// effective address may alias it), so stores to it take the slow path, which drops the page's
    /// decode cache. Scans the 256 write entries; runs only when a page becomes code.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DropWriteEntriesFor(byte* hostPage)
    {
        for (int i = 0; i < ShadowSize; i++)
        {
            ShadowEntry* e = _shadowWrite + i;
            if ((nuint)(e->Host - hostPage) < HostMemory.PageSize)
            {
                e->Context = 0;
            }
        }
    }

    /// <summary>
    /// Translates <paramref name="ea"/> for <paramref name="kind"/> through the guest TLB with the
    /// current MSR/PID, checking permissions with seed 004's shadow attribute mapping.
    /// </summary>
    /// <returns>The TLB index, or −1 (only when <paramref name="fault"/> is false).</returns>
    internal int Translate(uint ea, AccessKind kind, bool fault, out ulong pa, out uint attrib)
    {
        bool exec = kind == AccessKind.Execute;
        uint space = (S->Msr & (exec ? Msr.IS : Msr.DS)) != 0 ? 1u : 0u;
        int index = _tlb.Search(ea, S->Pid, space);
        pa = 0;
        attrib = 0;
        if (index < 0)
        {
            if (fault)
            {
                if (exec)
                {
                    Raise(InterruptVector.InstructionTlbError, S->Esr);
                }

                RaiseData(InterruptVector.DataTlbError, ea, kind == AccessKind.Write ? Esr.ST : 0);
            }

            return -1;
        }

        attrib = _tlb.Word2(index);
        uint shadow = Ppc440Tlb.ShadowAttributes(attrib, UserMode);
        uint need = kind switch
        {
            AccessKind.Execute => Ppc440Tlb.PermUX,
            AccessKind.Write => Ppc440Tlb.PermUW,
            _ => Ppc440Tlb.PermUR,
        };
        if ((shadow & need) == 0)
        {
            if (fault)
            {
                if (exec)
                {
                    Raise(InterruptVector.InstructionStorage, 0);
                }

                RaiseData(InterruptVector.DataStorage, ea, kind == AccessKind.Write ? Esr.ST : 0);
            }

            return -1;
        }

        pa = _tlb.RealAddress(index, ea);
        return index;
    }

    private readonly HostMemory?[] _execBacking = new HostMemory?[ShadowSize];

    private void RefillFetch(uint pc)
    {
        Statistics.FetchRefills++;
        int slotIndex = (int)((pc >> 12) & ShadowMaskIndex);
        ShadowEntry* e = _shadowExec + slotIndex;
        uint c = e->Context;
        HostMemory? backing = _execBacking[slotIndex];
        if ((pc & e->Mask) == e->Tag && (c == _instrContext || c == _instrContextAny) && backing is not null)
        {
            SetFetchWindow(backing, e->HostPage, e->Host, e->Tag, e->Mask);
            return;
        }

        int index = Translate(pc, AccessKind.Execute, fault: true, out ulong pa, out _);
        MemorySlot? slot = _memory.FindSlot(pa);
        if (slot is null)
        {
            SignalExit(ExitReason.InternalError, message: $"instruction fetch at 0x{pc:x8} from real address 0x{pa:x} outside guest RAM");
        }

        uint mask = _tlb.PageMask(index) == 0xFFFF_FC00 ? 0xFFFF_FC00 : 0xFFFF_F000;
        uint tag = pc & mask;
        ulong paTag = pa - (pc - tag);
        long hostOffset = slot!.HostOffset + (long)(paTag - slot.GuestPhysicalAddress);
        long page = hostOffset / HostMemory.PageSize;
        e->Tag = tag;
        e->Mask = mask;
        e->Context = (_generation << 9) | ((_tlb.Word0(index) & Ppc440Tlb.TsBit) != 0 ? 0x100u : 0) | _tlb.Tid(index);
        e->Host = slot.Backing.Pointer + hostOffset;
        e->HostPage = page;
        _execBacking[slotIndex] = slot.Backing;
        SetFetchWindow(slot.Backing, page, e->Host, tag, mask);
    }

    private void SetFetchWindow(HostMemory backing, long page, byte* host, uint tag, uint mask)
    {
        DecodedPage decoded = backing.DecodedPages[page] ??= new DecodedPage();
        if (backing.CodeFlags[page] == 0)
        {
            backing.CodeFlags[page] = 1;
            DropWriteEntriesFor(backing.Pointer + (page * HostMemory.PageSize));
        }

        _fetchPageObject = decoded;
        _fetchSlots = (DecodedInstruction*)Unsafe.AsPointer(ref decoded.Instructions[0]);
        _fetchHost = host;
        _fetchPhysOffset = (int)((host - backing.Pointer) & (HostMemory.PageSize - 1));
        _fetchMask = mask;
        _fetchTag = tag;
    }

    // ---- devices and VMM exits -------------------------------------------------------------------

    private ulong DeviceOrExitRead(ulong pa, int size)
    {
        IMmioDevice? device = _memory.FindDevice(pa);
        if (device is not null)
        {
            return device.Read(pa - device.Base, size);
        }

        if (TryReplay(ReplayKind.Mmio, pa, size, isWrite: false, out ulong data))
        {
            return data;
        }

        SignalExit(ExitReason.Mmio, mmio: new MmioAccess { PhysicalAddress = pa, Length = size, IsWrite = false });
        return 0;
    }

    private void DeviceOrExitWrite(ulong pa, int size, ulong value)
    {
        IMmioDevice? device = _memory.FindDevice(pa);
        if (device is not null)
        {
            device.Write(pa - device.Base, size, value);
            return;
        }

        if (TryReplay(ReplayKind.Mmio, pa, size, isWrite: true, out _))
        {
            return;
        }

        SignalExit(ExitReason.Mmio, mmio: new MmioAccess { PhysicalAddress = pa, Length = size, IsWrite = true, Data = value });
    }

    /// <summary>mfdcr: the DCR bus, or a KVM_EXIT_DCR the VMM answers.</summary>
    internal uint ReadDcr(uint dcrn)
    {
        IDcrDevice? device = _vm.Dcrs.Find(dcrn);
        if (device is not null)
        {
            return device.Read(dcrn);
        }

        if (TryReplay(ReplayKind.Dcr, dcrn, 4, isWrite: false, out ulong data))
        {
            return (uint)data;
        }

        SignalExit(ExitReason.Dcr, dcr: new DcrAccess { DcrNumber = dcrn, IsWrite = false });
        return 0;
    }

    /// <summary>mtdcr: the DCR bus, or a KVM_EXIT_DCR.</summary>
    internal void WriteDcr(uint dcrn, uint value)
    {
        IDcrDevice? device = _vm.Dcrs.Find(dcrn);
        if (device is not null)
        {
            device.Write(dcrn, value);
            return;
        }

        if (TryReplay(ReplayKind.Dcr, dcrn, 4, isWrite: true, out _))
        {
            return;
        }

        SignalExit(ExitReason.Dcr, dcr: new DcrAccess { DcrNumber = dcrn, IsWrite = true, Data = value });
    }

    private bool TryReplay(ReplayKind kind, ulong address, int size, bool isWrite, out ulong data)
    {
        if (_replayPosition < _replay.Count)
        {
            ReplayRecord r = _replay[_replayPosition];
            if (r.Kind == kind && r.Address == address && r.Size == size && r.IsWrite == isWrite)
            {
                _replayPosition++;
                data = r.Data;
                return true;
            }
        }

        data = 0;
        return false;
    }

    public void CompletePendingExit(VcpuExit exit)
    {
        if (exit.Mmio is { } m)
        {
            _replay.Add(new ReplayRecord(ReplayKind.Mmio, m.PhysicalAddress, m.Length, m.IsWrite, m.Data));
        }
        else if (exit.Dcr is { } d)
        {
            _replay.Add(new ReplayRecord(ReplayKind.Dcr, d.DcrNumber, 4, d.IsWrite, d.Data));
        }

        _replayPosition = 0;
    }

    private void EndReplay()
    {
        if (_replay.Count > 0)
        {
            _replay.Clear();
        }

        _replayPosition = 0;
    }

    private enum ReplayKind
    {
        Mmio,
        Dcr,
    }

    private readonly record struct ReplayRecord(ReplayKind Kind, ulong Address, int Size, bool IsWrite, ulong Data);
}
