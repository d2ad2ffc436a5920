<#
.SYNOPSIS
    Linux 6.1 boot-to-marker time: PpcVirt vs qemu-system-ppc -M bamboo, measured in the same run.
.DESCRIPTION
    Boots the kernel linux/build-bamboo-kernel.sh builds ($env:PPCVIRT_LINUX440_KERNEL or -KernelPath)
    until its /init prints PPCVIRT-INIT-OK, several times on each emulator, and prints medians:
    - PpcVirt engine time: from Start-PpcVcpu's KVM_RUN entry to the byte that completes the marker
      (the console's watch timestamp); host start-up (process, PowerShell, module) reported separately.
    - QEMU: whole process wall time from start to the marker on its console (QEMU has no separate
      engine clock; its start-up is small).
    Also the guest instructions PpcVirt executed to the reset. Uses only Core cmdlets and PpcVirt's.
#>
param(
    [string] $KernelPath = $env:PPCVIRT_LINUX440_KERNEL,
    [int] $Runs = 5,
    [string] $Qemu = 'qemu-system-ppc',
    [string] $Marker = 'PPCVIRT-INIT-OK'
)

$ErrorActionPreference = 'Stop'
$processStart = [System.Diagnostics.Process]::GetCurrentProcess().StartTime
if (-not (Get-Module PpcVirt)) { Import-Module (Join-Path $PSScriptRoot '../PpcVirt.psd1') }
if (-not $KernelPath) { throw 'No kernel: set PPCVIRT_LINUX440_KERNEL or pass -KernelPath (build it with linux/build-bamboo-kernel.sh).' }
$hostStartup = ([datetime]::Now - $processStart).TotalSeconds

function Get-Median([double[]] $Values) {
    $sorted = [double[]]$Values.Clone()
    [array]::Sort($sorted)
    $sorted[[int][math]::Floor(($sorted.Length - 1) / 2)]
}

$freq = [double][System.Diagnostics.Stopwatch]::Frequency
$ours = foreach ($i in 1..$Runs) {
    $vm = New-PpcVm -Name "linuxbench$i" -Machine Bamboo -MemoryBytes 128MB -KernelPath $KernelPath -CommandLine 'console=ttyS0,115200'
    $vm.Instance.Console.Watch($Marker)
    $exit = $vm | Start-PpcVcpu -Quiet -TimeoutSeconds 300
    if ("$($exit.Reason)" -ne 'Reset' -or $null -eq $vm.Instance.Console.WatchTimestamp) { throw "Linux boot on PpcVirt ended with $($exit.Reason) before $Marker." }
    [pscustomobject]@{
        MarkerSeconds = ($vm.Instance.Console.WatchTimestamp - $exit.Exit.StartTimestamp) / $freq
        ResetSeconds = $exit.ElapsedSeconds
        Instructions = $exit.InstructionsExecuted
    }
    Remove-PpcVm -Name "linuxbench$i"
}

$result = [ordered]@{
    Kernel = $KernelPath
    GuestInstructionsToReset = $ours[0].Instructions
    PpcVirtHostStartupSeconds = [math]::Round($hostStartup, 3)
    PpcVirtFirstBootMarkerSeconds = [math]::Round($ours[0].MarkerSeconds, 3)
    PpcVirtMarkerSeconds = [math]::Round((Get-Median ($ours | ForEach-Object { $_.MarkerSeconds })), 3)
    PpcVirtResetSeconds = [math]::Round((Get-Median ($ours | ForEach-Object { $_.ResetSeconds })), 3)
}

$qemuPath = @(Get-Command $Qemu -CommandType Application -ErrorAction SilentlyContinue).ForEach({ $_.Source })[0]
if ($qemuPath) {
    $times = foreach ($i in 1..$Runs) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($qemuPath)
        foreach ($a in '-M', 'bamboo', '-m', '128M', '-display', 'none', '-monitor', 'none', '-serial', 'stdio', '-no-reboot', '-kernel', $KernelPath, '-append', 'console=ttyS0,115200') { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardInput = $true
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $p = [System.Diagnostics.Process]::Start($psi)
        $seen = $null
        $text = [System.Text.StringBuilder]::new()
        while ($null -ne ($line = $p.StandardOutput.ReadLine())) {
            [void]$text.AppendLine($line)
            if ($null -eq $seen -and $line.Contains($Marker)) { $seen = $sw.Elapsed.TotalSeconds }
        }
        if (-not $p.WaitForExit(60000)) { $p.Kill() }
        if ($null -eq $seen) { throw "QEMU never printed $Marker." }
        $seen
    }
    $q = Get-Median $times
    $result.QemuMarkerSeconds = [math]::Round($q, 3)
    $result.RatioPpcVirtToQemu = [math]::Round($result.PpcVirtMarkerSeconds / $q, 2)
} else {
    $result.QemuMarkerSeconds = 'not installed (apt-get install qemu-system-ppc)'
}

[pscustomobject]$result
