@{
    # PpcVirt: a PowerPC emulator with KVM-on-PowerPC semantics, driven from PowerShell.
    RootModule           = 'module/bin/PpcVirt.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0f3c52-8f0e-4b8c-9d55-2b7c4f1e9a31'
    Author               = 'PpcVirt'
    CompanyName          = 'PpcVirt'
    Copyright            = '(c) PpcVirt contributors.'
    Description          = 'PowerPC virtual machines (PPC440 Bamboo first) with KVM semantics: VMs, vCPUs, memory slots, guest TLB, registers and console, as cmdlets.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('module/PpcVirt.Format.ps1xml')
    CmdletsToExport      = @(
        'New-PpcVm'
        'Get-PpcVm'
        'Remove-PpcVm'
        'Reset-PpcVm'
        'Get-PpcVcpu'
        'Start-PpcVcpu'
        'Start-PpcGdbServer'
        'Stop-PpcVcpu'
        'Wait-PpcVcpu'
        'Wait-PpcConsole'
        'Set-PpcMemorySlot'
        'Get-PpcDirtyLog'
        'Get-PpcMemorySlot'
        'Remove-PpcMemorySlot'
        'Get-PpcRegister'
        'Get-PpcDisassembly'
        'Set-PpcRegister'
        'Read-PpcGuestMemory'
        'Write-PpcGuestMemory'
        'Get-PpcCapability'
        'Get-PpcTlbEntry'
        'Set-PpcTlbEntry'
        'Resolve-PpcAddress'
        'Send-PpcConsoleInput'
        'Get-PpcConsoleOutput'
        'Trace-PpcVcpu'
        'Test-PpcVmProfile'
        'Export-PpcVmProfile'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('PowerPC', 'KVM', 'Emulator', 'PPC440')
        }
    }
}
