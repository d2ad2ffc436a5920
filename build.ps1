<#
.SYNOPSIS
    Builds and tests PpcVirt. Runs under PowerShell 7.6 (`dotnet tool restore && dotnet pwsh -File build.ps1`).
.DESCRIPTION
    build: dotnet build PpcVirt.sln -c Release. The module project also publishes itself ReadyToRun into
           module/bin (what `Import-Module ./PpcVirt.psd1` loads), so the shipped module needs no JIT warm-up.
    test:  build; the Linux 6.1 Bamboo kernel (linux/build-bamboo-kernel.sh: cached outside the repo, built
           once; its path goes to $env:PPCVIRT_LINUX440_KERNEL for the Linux boot tests); dotnet test
           --no-build (TRX results under artifacts/test-results); then the Pester conformance suite with the
           pinned Pester (Directory.Build.props PpcVirtPesterVersion, restored from NuGet by the build and
           imported by path from the NuGet global packages folder; NUnit XML under artifacts/test-results).
           Ends with one line counting every test of both runners: "all: N passed, N failed, N skipped".
    bench: build, the kernel, then bench/run.ps1 (CPU-bound guest), bench/linux-boot.ps1 (boot to the init
           marker), bench/startup.ps1 (fresh pwsh: Import-Module + first New-PpcVm, whole Linux boot),
           each against QEMU in the same run, and bench/stop-latency.ps1 (Stop-PpcVcpu on a background run).
    fuzz:  the fuzz harnesses (tests/PpcVirt.Fuzz: profile loader, ELF loader, FDT reader, PPC440 instruction
           streams), -Seconds per harness from -Seed; prints cases tried and failures (inputs in artifacts/fuzz).
    all:   test, then bench.
    Exits 1 on any failure.
.PARAMETER Tag
    test: run only the Pester conformance tests with one of these tags (e.g. Linux); xunit runs whole.
.PARAMETER ExcludeTag
    test: skip the Pester conformance tests with these tags (e.g. Slow).
.PARAMETER Seconds
    fuzz: seconds per harness (default 60).
.PARAMETER Seed
    fuzz: the PRNG seed (default: today's date as yyyyMMdd, printed so a failure replays).
#>
param(
    [ValidateSet('build', 'test', 'bench', 'fuzz', 'all')]
    [string] $Task = 'build',
    [string[]] $Tag = @(),
    [string[]] $ExcludeTag = @(),
    [int] $Seconds = 60,
    [long] $Seed = [long](Get-Date -Format yyyyMMdd)
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'PpcVirt.sln'
$results = Join-Path $root 'artifacts/test-results'
$plain = [Console]::IsOutputRedirected
if ($plain) { $PSStyle.OutputRendering = 'PlainText' }   # logs (CI) without ANSI colours

function Invoke-Step([string] $Name, [scriptblock] $Action) {
    Write-Host "==> $Name"
    & $Action
}

# Runs a native program, streaming its output to the host; throws on a non-zero exit code.
function Invoke-Native([string] $File, [string[]] $Arguments, [scriptblock] $OnLine = { param($l) }) {
    & $File @Arguments | ForEach-Object {
        $line = "$_"
        Write-Host $line
        & $OnLine $line
    }
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Step 'dotnet build' { Invoke-Native 'dotnet' @('build', $solution, '-c', 'Release', '--nologo', '-clp:NoSummary') }
}

# Debian packages the tests use beyond the kernel build (gdb-multiarch for the GDB server tests).
function Invoke-TestPackages {
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore)) { return }
    Invoke-Step 'Debian packages for the tests (gdb-multiarch)' {
        & bash (Join-Path $root 'scripts/install-debian-packages.sh') gdb-multiarch
        if ($LASTEXITCODE -ne 0) { throw "scripts/install-debian-packages.sh failed with exit code $LASTEXITCODE." }
    }
}

function Invoke-Fuzz {
    Invoke-Step "fuzz harnesses ($Seconds s each, seed $Seed)" {
        Invoke-Native 'dotnet' @('run', '--project', (Join-Path $root 'tests/PpcVirt.Fuzz'), '-c', 'Release', '--', '--harness', 'all', '--seconds', "$Seconds", '--seed', "$Seed")
    }
}

function Invoke-Kernel {
    Invoke-Step 'linux kernel (linux/build-bamboo-kernel.sh)' {
        $lines = @(& bash (Join-Path $root 'linux/build-bamboo-kernel.sh'))
        if ($LASTEXITCODE -ne 0) { throw "linux/build-bamboo-kernel.sh failed with exit code $LASTEXITCODE." }
        $env:PPCVIRT_LINUX440_KERNEL = $lines[-1]
        Write-Host "kernel: $($env:PPCVIRT_LINUX440_KERNEL)"
    }
}

# The pinned Pester's manifest in the NuGet global packages folder (restored by the build).
function Get-PesterManifest {
    $version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.PpcVirtPesterVersion | Where-Object { $_ } | Select-Object -First 1
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $version is not in the NuGet packages folder ($manifest); run dotnet build first." }
    $manifest
}

function Invoke-Conformance {
    Import-Module (Get-PesterManifest) -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/conformance'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.Output.RenderMode = if ($plain) { 'Plaintext' } else { 'Auto' }
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = Join-Path $results 'conformance.xml'
    if ($Tag) { $config.Filter.Tag = $Tag }
    if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }
    $run = Invoke-Pester -Configuration $config
    Write-Host "conformance: $($run.PassedCount) passed, $($run.FailedCount) failed, $($run.SkippedCount) skipped (results: $($config.TestResult.OutputPath.Value))"
    $script:passed += $run.PassedCount
    $script:failed += $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
    $script:skipped += $run.SkippedCount
}

function Invoke-Test {
    Invoke-Build
    Invoke-Kernel
    Invoke-TestPackages
    $script:passed = 0
    $script:failed = 0
    $script:skipped = 0
    $script:xunitFailed = $false
    Invoke-Step 'dotnet test' {
        try {
            Invoke-Native 'dotnet' @('test', $solution, '-c', 'Release', '--no-build', '--nologo', '--results-directory', $results, '--logger', 'trx') {
                param($line)
                if ($line -match 'Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)') {
                    $script:failed += [int]$Matches[1]; $script:passed += [int]$Matches[2]; $script:skipped += [int]$Matches[3]
                }
            }
        }
        catch {
            # Count the failures, then still run the conformance suite so the closing line is complete.
            $script:xunitFailed = $true
            Write-Host $_.Exception.Message
        }
    }
    Invoke-Step 'conformance suite (Pester)' { Invoke-Conformance }
    $script:testsOk = -not $script:xunitFailed -and $script:failed -eq 0
    Write-Host "build.ps1 -Task test: $(if ($script:testsOk) { 'succeeded' } else { 'failed' })"
    # The closing line counts every test of both runners (xunit assemblies + conformance suite).
    Write-Host "all: $($script:passed) passed, $($script:failed) failed, $($script:skipped) skipped"
}

function Invoke-Bench {
    Invoke-Build
    Invoke-Kernel
    foreach ($name in 'run.ps1', 'linux-boot.ps1', 'startup.ps1', 'stop-latency.ps1') {
        $bench = Join-Path $root "bench/$name"
        # Each bench in a fresh pwsh, as a user runs it.
        Invoke-Step "bench/$name" { Invoke-Native 'dotnet' @('pwsh', '-NoProfile', '-File', $bench) }
    }
}

try {
    switch ($Task) {
        'build' { Invoke-Build }
        'test' { Invoke-Test; exit ($script:testsOk ? 0 : 1) }
        'bench' { Invoke-Bench }
        'fuzz' { Invoke-Fuzz }
        'all' { Invoke-Test; if (-not $script:testsOk) { exit 1 }; Invoke-Bench }
    }
    Write-Host "build.ps1 -Task ${Task}: succeeded"
    exit 0
}
catch {
    Write-Host "build.ps1 -Task ${Task} failed: $($_.Exception.Message)"
    exit 1
}
