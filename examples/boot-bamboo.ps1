<#
.SYNOPSIS
    Boots the Bamboo (PPC440EP) profile and checks that the guest ends with a system reset.
.DESCRIPTION
    Run with `dotnet pwsh -NoProfile -File examples/boot-bamboo.ps1` (after dotnet build -c Release), or
    `ppcvirt -File examples/boot-bamboo.ps1`.
    Streams the guest console while it runs, prints the exit, and exits 1 unless the exit reason is Reset.
#>
param([double] $TimeoutSeconds = 60)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command -Name New-PpcVm -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot ../PpcVirt.psd1)
}

$vm = New-PpcVm -Profile (Join-Path $PSScriptRoot profiles/bamboo-440.yaml)
try {
    $exit = $vm | Start-PpcVcpu -TimeoutSeconds $TimeoutSeconds
    $exit | Format-List
    if ($exit.Reason -ne 'Reset') {
        $Host.UI.WriteErrorLine("boot-bamboo: expected the guest to end with Reset, got $($exit.Reason).")
        exit 1
    }
}
finally {
    $vm | Remove-PpcVm -Confirm:$false
}
exit 0
