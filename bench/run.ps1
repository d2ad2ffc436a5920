<#
.SYNOPSIS
    CPU-bound guest benchmark: PpcVirt vs qemu-system-ppc -M bamboo, measured in the same run.
.DESCRIPTION
    Boots bench/guests/cpubench.elf (a deterministic integer/memory workload that prints a checksum
    and resets via DBCR0) on PpcVirt through the module and on QEMU, several times each, and prints
    both times, guest instructions per second and the ratio. The guest instruction count comes from
    PpcVirt (the program is deterministic, so QEMU executes the same count). PpcVirt's time is the
    engine time Start-PpcVcpu reports (host start-up excluded); QEMU's is its whole process.
    Runs under pwsh (build.ps1 -Task bench starts it in a fresh dotnet pwsh) or ppcvirt.
.PARAMETER Runs
    Runs per emulator (median reported).
.PARAMETER Qemu
    QEMU binary (default qemu-system-ppc on PATH). Skipped with a note when absent.
#>
param(
    [int] $Runs = 3,
    [string] $Qemu = 'qemu-system-ppc',
    [string] $Guest = (Join-Path $PSScriptRoot 'guests/cpubench.elf')
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module PpcVirt)) { Import-Module (Join-Path $PSScriptRoot '../PpcVirt.psd1') }

function Get-Median([double[]] $Values) {
    $sorted = [double[]]$Values.Clone()
    [array]::Sort($sorted)
    $sorted[[int][math]::Floor(($sorted.Length - 1) / 2)]
}

$ours = foreach ($i in 1..$Runs) {
    $vm = New-PpcVm -Name "bench$i" -Machine Bamboo -MemoryBytes 128MB -KernelPath $Guest
    $exit = $vm | Start-PpcVcpu -Quiet -TimeoutSeconds 600
    if ("$($exit.Reason)" -ne 'Reset') { throw "cpubench on PpcVirt ended with $($exit.Reason): $($exit.Message)" }
    $checksum = ($vm.ConsoleOutput -split "`n" | Where-Object { $_ -like 'checksum*' })
    Remove-PpcVm -Name "bench$i"
    [pscustomobject]@{ Seconds = $exit.ElapsedSeconds; Instructions = $exit.InstructionsExecuted; Checksum = $checksum }
}

$instructions = [double]$ours[0].Instructions
$oursMedian = Get-Median ($ours | ForEach-Object { $_.Seconds })
$result = [ordered]@{
    Guest = [System.IO.Path]::GetFileName($Guest)
    GuestInstructions = [uint64]$instructions
    PpcVirtSeconds = [math]::Round($oursMedian, 3)
    PpcVirtMips = [math]::Round($instructions / $oursMedian / 1e6, 1)
}

$qemuPath = @(Get-Command $Qemu -CommandType Application -ErrorAction SilentlyContinue).ForEach({ $_.Source })[0]
if ($qemuPath) {
    $qemuTimes = foreach ($i in 1..$Runs) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($qemuPath)
        foreach ($a in '-M', 'bamboo', '-m', '128M', '-display', 'none', '-monitor', 'none', '-serial', 'stdio', '-no-reboot', '-kernel', $Guest) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardInput = $true
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $p = [System.Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        $sw.Stop()
        if ($out -notmatch [regex]::Escape($ours[0].Checksum.Trim())) { throw "QEMU printed a different checksum: $out" }
        $sw.Elapsed.TotalSeconds
    }
    $qemuMedian = Get-Median $qemuTimes
    $result.QemuSeconds = [math]::Round($qemuMedian, 3)
    $result.QemuMips = [math]::Round($instructions / $qemuMedian / 1e6, 1)
    $result.RatioPpcVirtToQemu = [math]::Round($oursMedian / $qemuMedian, 2)
} else {
    $result.QemuSeconds = 'not installed (apt-get install qemu-system-ppc)'
}

[pscustomobject]$result
