<#
.SYNOPSIS
    Boots the Linux 6.1 Bamboo kernel the project builds (linux/build-bamboo-kernel.sh) to its /init.
.DESCRIPTION
    Run with `dotnet pwsh -NoProfile -File examples/boot-linux.ps1` (after dotnet build -c Release), or
    `ppcvirt -File examples/boot-linux.ps1`.
    The kernel comes from -KernelPath, else $env:PPCVIRT_LINUX440_KERNEL, else the build script
    (which reuses its cache, or builds the kernel once: several minutes, installs Debian packages).
    The guest's /init prints PPCVIRT-INIT-OK and /proc/cpuinfo, then reboots: the run ends with a
    Reset exit. With -Shell the kernel command line asks /init for a tiny interactive shell and what
    you type reaches the guest console (Ctrl-C stops the run).
#>
param(
    [string] $KernelPath,
    [switch] $Shell,
    [double] $TimeoutSeconds = 300
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command -Name New-PpcVm -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot ../PpcVirt.psd1)
}

if (-not $KernelPath) { $KernelPath = $env:PPCVIRT_LINUX440_KERNEL }
if (-not $KernelPath) {
    $lines = @(& bash (Join-Path $PSScriptRoot ../linux/build-bamboo-kernel.sh))
    if ($LASTEXITCODE -ne 0) { throw "linux/build-bamboo-kernel.sh failed with exit code $LASTEXITCODE." }
    $KernelPath = $lines[-1]
}

$commandLine = if ($Shell) { 'console=ttyS0,115200 ppcvirt_end=shell' } else { 'console=ttyS0,115200' }
$vm = New-PpcVm -Profile (Join-Path $PSScriptRoot profiles/bamboo-linux.yaml) -KernelPath $KernelPath -CommandLine $commandLine
try {
    $exit = if ($Shell) { $vm | Start-PpcVcpu -Interactive -TimeoutSeconds 0 } else { $vm | Start-PpcVcpu -TimeoutSeconds $TimeoutSeconds }
    $exit | Format-List
    if ("$($exit.Reason)" -ne 'Reset') {
        $Host.UI.WriteErrorLine("boot-linux: expected the guest to end with Reset, got $($exit.Reason).")
        exit 1
    }
}
finally {
    $vm | Remove-PpcVm -Confirm:$false
}
exit 0
