using System.Management.Automation;

namespace PpcVirt.PowerShell.Tests;

/// <summary><c>Get-PpcDirtyLog</c> (KVM_GET_DIRTY_LOG) over a slot made with <c>-Flags LogDirtyPages</c>.</summary>
public sealed class DirtyLogCmdletTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void GuestStoresShowUpOnceAndNotAgain()
    {
        string name = PowerShellSession.UniqueName("dirty");
        _ps.Invoke(
            """
            $vm = New-PpcVm -Name $args[0] -MemoryBytes 16MB
            Set-PpcMemorySlot -Vm $vm -Slot 1 -GuestPhysicalAddress 0x100000000 -SizeBytes 1MB -Flags LogDirtyPages
            Set-PpcTlbEntry -Vm $vm -Index 0 -Word0 0x00000290 -Word1 0 -Word2 0x3F -Tid 0           # EA 0 -> RA 0, 256 MiB
            Set-PpcTlbEntry -Vm $vm -Index 1 -Word0 0x40000210 -Word1 0x00003001 -Word2 0x3F -Tid 0  # EA 0x40000000 -> RA 0x1_0000_3000, 4 KiB
            Write-PpcGuestMemory -Vm $vm -Address 0x1000 -Value 0x90640010   # stw r3,16(r4)
            Write-PpcGuestMemory -Vm $vm -Address 0x1004 -Value 0x48000000   # b .
            Set-PpcRegister -Vm $vm -Name r4 -Value 0x40000000
            Set-PpcRegister -Vm $vm -Name MSR -Value 0
            Set-PpcRegister -Vm $vm -Name PC -Value 0x1000
            """,
            name);
        Assert.Empty(_ps.Errors);
        var before = (PpcDirtyLog)Assert.Single(_ps.Invoke("Get-PpcDirtyLog -Vm $args[0]", name)).BaseObject;
        Assert.Equal(256, before.PageCount);
        Assert.Equal(0, before.DirtyPageCount);

        _ps.Invoke("Start-PpcVcpu -Name $args[0] -MaxInstructions 10 -Quiet", name);
        Assert.Empty(_ps.Errors);

        var log = (PpcDirtyLog)Assert.Single(_ps.Invoke("Get-PpcDirtyLog -Vm $args[0] -Slot 1", name)).BaseObject;
        Assert.Equal([0x1_0000_3000ul], log.DirtyPages);
        Assert.Equal(1ul << 3, log.Bitmap[0]);
        var again = (PpcDirtyLog)Assert.Single(_ps.Invoke("Get-PpcDirtyLog -Vm $args[0] -Slot 1", name)).BaseObject;
        Assert.Equal(0, again.DirtyPageCount);
    }

    [Fact]
    public void SlotsWithoutALogAreErrors()
    {
        string name = PowerShellSession.UniqueName("nolog");
        _ps.Invoke("New-PpcVm -Name $args[0] -MemoryBytes 16MB", name);
        ErrorRecord notLogged = _ps.SingleError("Get-PpcDirtyLog -Vm $args[0] -Slot 0", name);
        Assert.Equal("PpcVirt.NoDirtyLog,PpcVirt.PowerShell.GetPpcDirtyLogCommand", notLogged.FullyQualifiedErrorId);
        ErrorRecord outOfRange = _ps.SingleError("Get-PpcDirtyLog -Vm $args[0] -Slot 40", name);
        Assert.Equal("PpcVirt.InvalidMemorySlot,PpcVirt.PowerShell.GetPpcDirtyLogCommand", outOfRange.FullyQualifiedErrorId);
        Assert.Empty(_ps.Invoke("Get-PpcDirtyLog -Vm $args[0]", name)); // no logged slot: nothing, no error
        Assert.Empty(_ps.Errors);
    }
}
