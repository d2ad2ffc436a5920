using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell.Tests;

public sealed class CmdletTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void NewPpcVm_RegistersByNameAndId()
    {
        string name = PowerShellSession.UniqueName("vm");
        var vm = (PpcVm)_ps.Invoke("New-PpcVm -Name $args[0] -MemoryBytes 64MB", name)[0].BaseObject;
        Assert.Equal(name, vm.Name);
        Assert.Equal(64L * 1024 * 1024, vm.MemoryBytes);
        Assert.Equal("440EP", vm.Cpu);
        Assert.Equal(PpcVmState.Created, vm.State);
        Assert.Same(vm, _ps.Invoke("Get-PpcVm -Name $args[0]", name)[0].BaseObject);
        Assert.Same(vm, _ps.Invoke("Get-PpcVm -Id $args[0]", vm.Id)[0].BaseObject);
    }

    [Fact]
    public void NewPpcVm_DuplicateName_IsResourceExists()
    {
        string name = PowerShellSession.UniqueName("dup");
        _ps.Invoke("New-PpcVm -Name $args[0]", name);
        ErrorRecord e = _ps.SingleError("New-PpcVm -Name $args[0]", name);
        Assert.Equal("PpcVirt.VmExists,PpcVirt.PowerShell.NewPpcVmCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category);
    }

    [Fact]
    public void NewPpcVm_WhatIf_CreatesNothing()
    {
        string name = PowerShellSession.UniqueName("whatif");
        Assert.Empty(_ps.Invoke("New-PpcVm -Name $args[0] -WhatIf", name));
        ErrorRecord e = _ps.SingleError("Get-PpcVm -Name $args[0]", name);
        Assert.Equal("PpcVirt.VmNotFound,PpcVirt.PowerShell.GetPpcVmCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
    }

    [Fact]
    public void NewPpcVm_MissingKernel_IsObjectNotFound()
    {
        ErrorRecord e = _ps.SingleError("New-PpcVm -Name $args[0] -KernelPath ./no-such-kernel.elf", PowerShellSession.UniqueName("k"));
        Assert.StartsWith("PpcVirt.KernelNotFound,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Contains("ENOENT", e.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewPpcVm_Profile_UsesTheLoader()
    {
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\n");
        try
        {
            ErrorRecord e = _ps.SingleError("New-PpcVm -Profile $args[0]", path);
            Assert.True(
                e.FullyQualifiedErrorId.StartsWith("PpcVirt.InvalidProfile,", StringComparison.Ordinal) || e.FullyQualifiedErrorId.StartsWith("PpcVirt.ProfileLoaderUnavailable,", StringComparison.Ordinal),
                e.FullyQualifiedErrorId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NewPpcVm_BadProfile_IsInvalidDataWithLocation()
    {
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nspec:\n  memory: lots\n");
        try
        {
            ErrorRecord e = _ps.SingleError("New-PpcVm -Profile $args[0]", path);
            Assert.StartsWith("PpcVirt.InvalidProfile,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Matches(@":\d+:\d+:", e.Exception.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RemovePpcVm_WhatIfKeepsAndRemoveDisposes()
    {
        string name = PowerShellSession.UniqueName("rm");
        _ps.Invoke("New-PpcVm -Name $args[0]", name);
        _ps.Invoke("Get-PpcVm -Name $args[0] | Remove-PpcVm -WhatIf", name);
        Assert.Single(_ps.Invoke("Get-PpcVm -Name $args[0]", name));
        var removed = (PpcVm)_ps.Invoke("Get-PpcVm -Name $args[0] | Remove-PpcVm -PassThru -Confirm:$false", name)[0].BaseObject;
        Assert.Equal(PpcVmState.Removed, removed.State);
        Assert.Empty(_ps.Invoke("Get-PpcVm -Name $args[0] -ErrorAction SilentlyContinue", name));
    }

    [Fact]
    public void SetPpcMemorySlot_Overlap_IsResourceExistsAndStateUnchanged()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]; Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress 0x100000000 -SizeBytes 64KB", PowerShellSession.UniqueName("ov"));
        int before = _ps.Invoke("@(Get-PpcMemorySlot -Vm $vm).Count")[0].BaseObject is int n ? n : -1;
        ErrorRecord e = _ps.SingleError("Set-PpcMemorySlot -Vm $vm -Slot 21 -GuestPhysicalAddress 0x100008000 -SizeBytes 64KB");
        Assert.Equal("PpcVirt.MemorySlotOverlap,PpcVirt.PowerShell.SetPpcMemorySlotCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category);
        Assert.Equal(Errno.EEXIST, Assert.IsType<KvmException>(e.Exception).Errno);
        Assert.Contains("EEXIST", e.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, (int)_ps.Invoke("@(Get-PpcMemorySlot -Vm $vm).Count")[0].BaseObject);
    }

    [Theory]
    [InlineData(20, 0x100000800UL, 4096L)]
    [InlineData(20, 0x100000000UL, 1000L)]
    [InlineData(32, 0x100000000UL, 4096L)]
    public void SetPpcMemorySlot_BadRequest_IsInvalidArgument(int slot, ulong gpa, long size)
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("bad"));
        ErrorRecord e = _ps.SingleError("Set-PpcMemorySlot -Vm $vm -Slot $args[0] -GuestPhysicalAddress $args[1] -SizeBytes $args[2]", slot, gpa, size);
        Assert.Equal("PpcVirt.InvalidMemorySlot,PpcVirt.PowerShell.SetPpcMemorySlotCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
    }

    [Fact]
    public void SetPpcMemorySlot_WhatIf_LeavesSlotsUnchanged()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]; Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress 0x100000000 -SizeBytes 4KB -WhatIf", PowerShellSession.UniqueName("wi"));
        Assert.Empty(_ps.Invoke("Get-PpcMemorySlot -Vm $vm -Slot 20 -ErrorAction SilentlyContinue"));
    }

    [Fact]
    public void GuestMemory_RoundTripsAndFaultsOutsideSlots()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]; Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress 0x100000000 -SizeBytes 4KB", PowerShellSession.UniqueName("mem"));
        _ps.Invoke("Write-PpcGuestMemory -Vm $vm -Address 0x100000010 -Value 0x11223344");
        var dump = (PpcMemoryDump)_ps.Invoke("Read-PpcGuestMemory -Vm $vm -Address 0x100000010 -Length 4")[0].BaseObject;
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44 }, dump.Bytes);
        Assert.Equal(0x11223344u, _ps.Invoke("Read-PpcGuestMemory -Vm $vm -Address 0x100000010 -Length 4 -AsWords")[0].BaseObject);
        ErrorRecord e = _ps.SingleError("Read-PpcGuestMemory -Vm $vm -Address 0x200000000 -Length 4");
        Assert.Equal("PpcVirt.GuestMemoryFault,PpcVirt.PowerShell.ReadPpcGuestMemoryCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        e = _ps.SingleError("Write-PpcGuestMemory -Vm $vm -Address 0x100000FFE -Value 1");
        Assert.StartsWith("PpcVirt.GuestMemoryFault,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Registers_UnknownNameIsInvalidRegister()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("reg"));
        ErrorRecord e = _ps.SingleError("Set-PpcRegister -Vm $vm -Name no_such_reg -Value 1");
        Assert.Equal("PpcVirt.InvalidRegister,PpcVirt.PowerShell.SetPpcRegisterCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        e = _ps.SingleError("Get-PpcRegister -Vm $vm -Name no_such_reg");
        Assert.Equal("PpcVirt.InvalidRegister,PpcVirt.PowerShell.GetPpcRegisterCommand", e.FullyQualifiedErrorId);
    }

    [Fact]
    public void Registers_SetThenGet()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("reg"));
        var r = (PpcRegister)_ps.Invoke("Set-PpcRegister -Vm $vm -Name r3 -Value 0x1234 -PassThru")[0].BaseObject;
        Assert.Equal(0x1234UL, r.Value);
        Assert.Equal("0x00001234", r.Hex);
        Assert.NotEmpty(_ps.Invoke("Get-PpcRegister -Vm $vm -Name r*"));
    }

    [Fact]
    public void Capabilities_ReportUserMemory()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("cap"));
        var cap = (PpcCapability)_ps.Invoke("Get-PpcCapability -Vm $vm -Name UserMemory")[0].BaseObject;
        Assert.Equal(3, cap.Number);
        Assert.True(cap.Supported);
        Assert.DoesNotContain(_ps.Invoke("Get-PpcCapability -Vm $vm -Supported"), o => !((PpcCapability)o.BaseObject).Supported);
    }

    [Fact]
    public void Vcpu_WrapperShowsModel()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("cpu"));
        var v = (PpcVcpu)_ps.Invoke("$vm | Get-PpcVcpu")[0].BaseObject;
        Assert.Equal("440EP", v.Model);
        Assert.Equal(0x422218D3u, v.Pvr);
        Assert.Equal(PpcVcpuState.Idle, v.State);
    }

    [Fact]
    public void Console_InputAndOutput()
    {
        var vm = (PpcVm)_ps.Invoke("$vm = New-PpcVm -Name $args[0]; $vm", PowerShellSession.UniqueName("con"))[0].BaseObject;
        int signals = 0;
        vm.Instance.Console.InputAvailable += () => signals++;
        _ps.Invoke("Send-PpcConsoleInput -Vm $vm -Text 'ls'");
        Assert.Empty(_ps.Errors);
        Assert.Equal(1, signals);
        foreach (byte b in "hello\r\nworld"u8)
        {
            vm.Instance.Console.Transmit(b);
        }

        Assert.Equal(["hello", "world"], _ps.Invoke("Get-PpcConsoleOutput -Vm $vm").Select(o => (string)o.BaseObject));
        Assert.Equal("hello\r\nworld", _ps.Invoke("Get-PpcConsoleOutput -Vm $vm -Raw")[0].BaseObject);
        Assert.Equal("hello\r\nworld", vm.ConsoleOutput);
    }

    [Fact]
    public void StartPpcVcpu_ReturnsTypedExitAndRecordsIt()
    {
        var vm = (PpcVm)_ps.Invoke("$vm = New-PpcVm -Name $args[0]; $vm", PowerShellSession.UniqueName("run"))[0].BaseObject;
        var exit = (PpcVcpuExit)_ps.Invoke("$vm | Start-PpcVcpu -MaxInstructions 1000 -TimeoutSeconds 10 -WarningAction SilentlyContinue")[0].BaseObject;
        Assert.Equal(vm.Name, exit.VmName);
        Assert.Same(exit, vm.LastExit);
        Assert.NotEqual(PpcVmState.Running, vm.State);
    }

    [Fact]
    public void StartPpcVcpu_WhatIf_DoesNotRun()
    {
        var vm = (PpcVm)_ps.Invoke("$vm = New-PpcVm -Name $args[0]; $vm", PowerShellSession.UniqueName("run"))[0].BaseObject;
        Assert.Empty(_ps.Invoke("Start-PpcVcpu -Vm $vm -WhatIf"));
        Assert.Null(vm.LastExit);
    }

    [Fact]
    public void StartPpcVcpu_StreamsConsoleAndEndsWithReset()
    {
        string profile = Path.Combine(PowerShellSession.RepoRoot, "examples", "profiles", "bamboo-440.yaml");
        var exit = (PpcVcpuExit)_ps.Invoke("New-PpcVm -Profile $args[0] | Start-PpcVcpu -TimeoutSeconds 60", profile)[0].BaseObject;
        Assert.Equal(ExitReason.Reset, exit.Reason);
        Assert.NotEmpty(_ps.Output.ToString());
    }

    [Fact]
    public void StartPpcVcpu_StopFromAnotherRunspace_ReturnsCanceled()
    {
        var vm = (PpcVm)_ps.Invoke("$vm = New-PpcVm -Name $args[0]; Write-PpcGuestMemory -Vm $vm -Address 0 -Value 0x48000000; $vm", PowerShellSession.UniqueName("stop"))[0].BaseObject;
        var iss = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(NewPpcVmCommand).Assembly.Location);
        using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(iss);
        runspace.Open();
        using var runner = System.Management.Automation.PowerShell.Create();
        runner.Runspace = runspace;
        runner.AddCommand("Start-PpcVcpu").AddParameter("InputObject", vm).AddParameter("Quiet");
        IAsyncResult pending = runner.BeginInvoke();
        SpinWait.SpinUntil(() => vm.State == PpcVmState.Running, 5000);
        _ps.Invoke("Stop-PpcVcpu -Vm $args[0]", vm);
        var exit = (PpcVcpuExit)runner.EndInvoke(pending)[0].BaseObject;
        Assert.Equal(ExitReason.Canceled, exit.Reason);
        Assert.Same(exit, vm.LastExit);
        Assert.Equal(PpcVmState.Stopped, vm.State);
    }

    [Fact]
    public void TlbCmdlets_ShowTheBootTlbAndTranslate()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("tlb"));
        Assert.Equal(2, _ps.Invoke("Get-PpcTlbEntry -Vm $vm -Valid").Count);
        Assert.Empty(_ps.Errors);
        var result = (Engine.Mmu.TranslationResult)_ps.Invoke("Resolve-PpcAddress -Vm $vm -EffectiveAddress 0x1000 -Access Execute")[0].BaseObject;
        Assert.Equal(0x1000UL, result.EffectiveAddress);
        Assert.True(result.Valid);
        Assert.Equal(0x1000UL, result.PhysicalAddress);
    }

    [Fact]
    public void HexLiteralsWithTheTopBitSetAreTakenAsBitPatterns()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("hex"));
        _ps.Invoke("Write-PpcGuestMemory -Vm $vm -Address 0x3000 -Value 0x88A40005; Set-PpcRegister -Vm $vm -Name r5 -Value 0xFFFFFFFF");
        Assert.Empty(_ps.Errors);
        var dump = _ps.Invoke("(Read-PpcGuestMemory -Vm $vm -Address 0x3000 -Length 4).Bytes");
        Assert.Equal(new byte[] { 0x88, 0xA4, 0x00, 0x05 }, dump.Select(o => (byte)o.BaseObject).ToArray());
        Assert.Equal(0xFFFFFFFFUL, (ulong)_ps.Invoke("(Get-PpcRegister -Vm $vm -Name r5).Value")[0].BaseObject);
    }

    [Fact]
    public void GetPpcDisassembly_ListsGuestCode()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("dis"));
        _ps.Invoke("Write-PpcGuestMemory -Vm $vm -Address 0x2000 -Value 0x38600005");
        var list = _ps.Invoke("Get-PpcDisassembly -Vm $vm -Address 0x2000 -Count 2").Select(o => (Engine.Disassembly.DisassembledInstruction)o.BaseObject).ToList();
        Assert.Empty(_ps.Errors);
        Assert.Equal(2, list.Count);
        Assert.Equal("li", list[0].Mnemonic);
        Assert.Equal("r3, 5", list[0].Operands);
        Assert.Equal("addi", list[0].TableMnemonic);
        Assert.Equal(0x2004UL, list[1].Address);
    }

    [Fact]
    public void ResetPpcVm_SetsState()
    {
        var vm = (PpcVm)_ps.Invoke("$vm = New-PpcVm -Name $args[0]; $vm", PowerShellSession.UniqueName("rst"))[0].BaseObject;
        _ps.Invoke("Reset-PpcVm -Vm $vm -Confirm:$false");
        Assert.Equal(PpcVmState.Reset, vm.State);
    }

    [Fact]
    public void VmParameter_AcceptsNameAndId()
    {
        string name = PowerShellSession.UniqueName("byname");
        var vm = (PpcVm)_ps.Invoke("New-PpcVm -Name $args[0]", name)[0].BaseObject;
        Assert.NotEmpty(_ps.Invoke("Get-PpcCapability -Vm $args[0] -Name UserMemory", name));
        Assert.NotEmpty(_ps.Invoke("Get-PpcCapability -Vm $args[0] -Name UserMemory", vm.Id));
    }
}
