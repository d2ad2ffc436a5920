<#
.SYNOPSIS
    Stop latency: how long Stop-PpcVcpu takes to stop a spinning guest that runs in the background.
.DESCRIPTION
    Starts a guest that spins (b .) with Start-PpcVcpu -NoWait, lets it run for -RunSeconds, then times
    Stop-PpcVcpu until Wait-PpcVcpu returns the Canceled exit, -Runs times, and prints the median and
    the maximum in milliseconds (goal: under 100 ms). Also the same for a guest in the MSR[WE] wait
    state (asleep until a timer event).
#>
param(
    [int] $Runs = 10,
    [double] $RunSeconds = 0.3
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module PpcVirt)) { Import-Module (Join-Path $PSScriptRoot '../PpcVirt.psd1') }

function Measure-Stop([uint32[]] $Words) {
    foreach ($i in 1..$Runs) {
        $vm = New-PpcVm -Name "stop$i" -MemoryBytes 16MB
        $a = 0
        foreach ($w in $Words) { Write-PpcGuestMemory -Vm $vm -Address $a -Value $w; $a += 4 }
        Start-PpcVcpu -Vm $vm -NoWait
        Start-Sleep -Milliseconds ([int]($RunSeconds * 1000))
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        Stop-PpcVcpu -Vm $vm
        $exit = Wait-PpcVcpu -Vm $vm -TimeoutSeconds 30
        $sw.Stop()
        if ("$($exit.Reason)" -ne 'Canceled') { throw "expected a Canceled exit, got $($exit.Reason)" }
        Remove-PpcVm -Vm $vm -Confirm:$false
        $sw.Elapsed.TotalMilliseconds
    }
}

function Get-Stats([double[]] $Values) {
    $sorted = [double[]]$Values.Clone()
    [array]::Sort($sorted)
    [pscustomobject]@{ MedianMs = [math]::Round($sorted[[int][math]::Floor(($sorted.Length - 1) / 2)], 2); MaxMs = [math]::Round($sorted[-1], 2) }
}

# b .
$spin = Get-Stats (Measure-Stop @(0x48000000))
# lis r3,0x0004; mtmsr r3 (MSR[WE]); b .   — asleep with no timer armed
$wait = Get-Stats (Measure-Stop @(0x3C600004, 0x7C600124, 0x48000000))
[pscustomobject][ordered]@{
    Runs = $Runs
    SpinningMedianMs = $spin.MedianMs
    SpinningMaxMs = $spin.MaxMs
    WaitStateMedianMs = $wait.MedianMs
    WaitStateMaxMs = $wait.MaxMs
} | Format-List
