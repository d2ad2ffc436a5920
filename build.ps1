<#
.SYNOPSIS
    Builds and tests PpcVirt.
.DESCRIPTION
    build: dotnet build PpcVirt.sln -c Release (also populates module/bin).
    test:  build, the Linux 6.1 Bamboo kernel (linux/build-bamboo-kernel.sh: cached outside the repo,
           built once; its path goes to $env:PPCVIRT_LINUX440_KERNEL for the Linux boot tests),
           dotnet test --no-build, then the conformance suite (Invoke-Pester tests/conformance -CI):
           in-process under ppcvirt (Pester-lite when real Pester is absent), under real pwsh with
           Pester 5 when it is installed, else through ppcvirt.
    bench: build, the kernel, a ReadyToRun publish of ppcvirt into artifacts/ppcvirt (how PpcVirt
           ships: no JIT warm-up in the engine), then bench/run.ps1 (CPU-bound guest) and
           bench/linux-boot.ps1 (boot to the init marker), each against qemu-system-ppc in the same run.
    all:   test, then bench.
    Runs under pwsh or `ppcvirt -File build.ps1 -Task test`. Exits 1 on any failure.
#>
param(
    [ValidateSet('build', 'test', 'bench', 'all')]
    [string] $Task = 'build'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'PpcVirt.sln'

function Invoke-Step([string] $Name, [scriptblock] $Action) {
    $Host.UI.WriteLine("==> $Name")
    & $Action
}

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Step 'dotnet build' { Invoke-Native 'dotnet' @('build', $solution, '-c', 'Release', '--nologo') | ForEach-Object { $Host.UI.WriteLine("$_") } }
}

function Invoke-Kernel {
    Invoke-Step 'linux kernel (linux/build-bamboo-kernel.sh)' {
        $lines = @(& bash (Join-Path $root 'linux/build-bamboo-kernel.sh'))
        if ($LASTEXITCODE -ne 0) { throw "linux/build-bamboo-kernel.sh failed with exit code $LASTEXITCODE." }
        $env:PPCVIRT_LINUX440_KERNEL = $lines[-1]
        $Host.UI.WriteLine("kernel: $($env:PPCVIRT_LINUX440_KERNEL)")
    }
}

function Invoke-Publish {
    $out = Join-Path $root 'artifacts/ppcvirt'
    Invoke-Step 'dotnet publish (ReadyToRun)' {
        Invoke-Native 'dotnet' @('publish', (Join-Path $root 'src/PpcVirt.Shell/PpcVirt.Shell.csproj'), '-c', 'Release', '-r', 'linux-x64',
            '--self-contained', 'false', '-p:PublishReadyToRun=true', '-o', $out, '--nologo') | ForEach-Object { $Host.UI.WriteLine("$_") }
    }
    Join-Path $out 'ppcvirt'
}

function Invoke-Conformance {
    $suite = Join-Path $root 'tests/conformance'
    if ($Host.Name -eq 'ppcvirt') {
        # In-process: ppcvirt already imported the module and Invoke-Pester (real or Pester-lite).
        $run = Invoke-Pester -Path $suite -PassThru -Output Detailed
        $script:passed += $run.PassedCount
        $script:failed += $run.FailedCount
        if ($run.FailedCount -gt 0) { throw "$($run.FailedCount) conformance test(s) failed." }
        return
    }

    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -ge 5 } | Select-Object -First 1
    if ($pester) {
        Import-Module $pester -Force
        $run = Invoke-Pester -Path $suite -PassThru -Output Detailed
        if ($run.FailedCount -gt 0) { throw "$($run.FailedCount) conformance test(s) failed." }
        return
    }

    $shell = Join-Path $root 'src/PpcVirt.Shell/bin/Release/net10.0/ppcvirt.dll'
    Invoke-Native 'dotnet' @($shell, '-Command', "Invoke-Pester -Path '$suite' -CI")
}

function Invoke-Test {
    Invoke-Build
    Invoke-Kernel
    $script:passed = 0
    $script:failed = 0
    Invoke-Step 'dotnet test' {
        Invoke-Native 'dotnet' @('test', $solution, '-c', 'Release', '--no-build', '--nologo') | ForEach-Object {
            $line = "$_"
            $Host.UI.WriteLine($line)
            if ($line -match 'Failed:\s+(\d+), Passed:\s+(\d+)') { $script:failed += [int]$Matches[1]; $script:passed += [int]$Matches[2] }
        }
    }
    Invoke-Step 'conformance suite' { Invoke-Conformance }
    # One closing line for the whole run (xunit assemblies + conformance suite).
    $Host.UI.WriteLine("all: $($script:passed) passed, $($script:failed) failed")
}

function Invoke-Bench {
    Invoke-Build
    Invoke-Kernel
    $ppcvirt = Invoke-Publish
    foreach ($name in 'run.ps1', 'linux-boot.ps1') {
        $bench = Join-Path $root "bench/$name"
        Invoke-Step "bench/$name" { Invoke-Native $ppcvirt @('-File', $bench) }
    }
}

try {
    switch ($Task) {
        'build' { Invoke-Build }
        'test' { Invoke-Test }
        'bench' { Invoke-Bench }
        'all' { Invoke-Test; Invoke-Bench }
    }
    $Host.UI.WriteLine("build.ps1 -Task ${Task}: succeeded")
    exit 0
}
catch {
    $Host.UI.WriteErrorLine("build.ps1 -Task ${Task} failed: $($_.Exception.Message)")
    exit 1
}
