<#
.SYNOPSIS
    Start-up as a user meets it: a fresh `dotnet pwsh` that imports the module, vs QEMU's whole process.
.DESCRIPTION
    Measured in the same run, medians of -Runs fresh processes each:
    - PwshBareSeconds: `dotnet pwsh -NoProfile -c 1` (what PowerShell itself costs).
    - ImportAndNewVmSeconds: inside a fresh pwsh, Import-Module ./PpcVirt.psd1 plus the first
      New-PpcVm (a 128 MiB Bamboo VM with the Linux kernel loaded), by a stopwatch in that process.
    - PpcVirtLinuxMarkerSeconds: a fresh `dotnet pwsh` that imports the module and boots the Linux 6.1
      Bamboo kernel, whole process from start to the init marker on its console.
    - QemuLinuxMarkerSeconds: `qemu-system-ppc -M bamboo` with the same kernel, whole process to the marker.
    The kernel comes from $env:PPCVIRT_LINUX440_KERNEL or -KernelPath (linux/build-bamboo-kernel.sh).
#>
param(
    [string] $KernelPath = $env:PPCVIRT_LINUX440_KERNEL,
    [int] $Runs = 5,
    [string] $Qemu = 'qemu-system-ppc',
    [string] $Marker = 'PPCVIRT-INIT-OK'
)

$ErrorActionPreference = 'Stop'
if (-not $KernelPath) { throw 'No kernel: set PPCVIRT_LINUX440_KERNEL or pass -KernelPath (build it with linux/build-bamboo-kernel.sh).' }
$manifest = (Resolve-Path (Join-Path $PSScriptRoot '../PpcVirt.psd1')).Path

function Get-Median([double[]] $Values) {
    $sorted = [double[]]$Values.Clone()
    [array]::Sort($sorted)
    $sorted[[int][math]::Floor(($sorted.Length - 1) / 2)]
}

# Starts a process and returns the wall seconds until a stdout line matches $Until (or until exit),
# and the last stdout line.
function Measure-Process([string] $File, [string[]] $Arguments, [string] $Until) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($File)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardInput = $true
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $p = [System.Diagnostics.Process]::Start($psi)
    $seen = $null
    $last = $null
    while ($null -ne ($line = $p.StandardOutput.ReadLine())) {
        $last = $line
        if ($Until -and $null -eq $seen -and $line.Contains($Until)) { $seen = $sw.Elapsed.TotalSeconds }
    }
    if (-not $p.WaitForExit(120000)) { $p.Kill() }
    if ($null -eq $seen) {
        if ($Until) { throw "$File never printed $Until." }
        $seen = $sw.Elapsed.TotalSeconds
    }
    [pscustomobject]@{ Seconds = $seen; LastLine = $last }
}

$quoted = $KernelPath.Replace("'", "''")
$importAndNew = "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifest'; `$vm = New-PpcVm -Name s -Machine Bamboo -MemoryBytes 128MB -KernelPath '$quoted'; `$sw.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)"
$boot = "Import-Module '$manifest'; New-PpcVm -Name s -Machine Bamboo -MemoryBytes 128MB -KernelPath '$quoted' -CommandLine 'console=ttyS0,115200' | Start-PpcVcpu -TimeoutSeconds 300 | Out-Null"

$bare = foreach ($i in 1..$Runs) { (Measure-Process 'dotnet' @('pwsh', '-NoProfile', '-c', '1')).Seconds }
$inProcess = foreach ($i in 1..$Runs) { [double]::Parse((Measure-Process 'dotnet' @('pwsh', '-NoProfile', '-c', $importAndNew)).LastLine, [cultureinfo]::InvariantCulture) }
$oursBoot = foreach ($i in 1..$Runs) { (Measure-Process 'dotnet' @('pwsh', '-NoProfile', '-c', $boot) $Marker).Seconds }

$result = [ordered]@{
    Kernel = $KernelPath
    PwshBareSeconds = [math]::Round((Get-Median $bare), 3)
    ImportAndNewVmSeconds = [math]::Round((Get-Median $inProcess), 3)
    PpcVirtLinuxMarkerSeconds = [math]::Round((Get-Median $oursBoot), 3)
}

$qemuPath = @(Get-Command $Qemu -CommandType Application -ErrorAction SilentlyContinue).ForEach({ $_.Source })[0]
if ($qemuPath) {
    $qemuArgs = @('-M', 'bamboo', '-m', '128M', '-display', 'none', '-monitor', 'none', '-serial', 'stdio', '-no-reboot', '-kernel', $KernelPath, '-append', 'console=ttyS0,115200')
    $qemuTimes = foreach ($i in 1..$Runs) { (Measure-Process $qemuPath $qemuArgs $Marker).Seconds }
    $q = Get-Median $qemuTimes
    $result.QemuLinuxMarkerSeconds = [math]::Round($q, 3)
    $result.RatioPpcVirtToQemu = [math]::Round($result.PpcVirtLinuxMarkerSeconds / $q, 2)
}
else {
    $result.QemuLinuxMarkerSeconds = 'not installed (apt-get install qemu-system-ppc)'
}

[pscustomobject]$result | Format-List
