# The module's help as a user reads it: every cmdlet documented (synopsis, every parameter,
# INPUTS/OUTPUTS), the about topics present, and every help example runs against a real VM.
# Examples run from the repository root with a VM named `demo` (examples/profiles/bamboo-440.yaml)
# and $vmlinux naming a bootable guest (tests/guests/bamboo/hello.elf).

BeforeDiscovery {
    if (-not (Get-Module PpcVirt)) { Import-Module (Join-Path $PSScriptRoot ../../PpcVirt.psd1) -Force }
    $commands = foreach ($c in Get-Command -Module PpcVirt -CommandType Cmdlet) { @{ Name = $c.Name } }
    $examples = foreach ($c in Get-Command -Module PpcVirt -CommandType Cmdlet) {
        $n = 0
        foreach ($e in @((Get-Help $c.Name).examples.example)) {
            $n++
            $code = "$($e.code)".Trim()
            # An example that waits for a debugger to connect cannot run unattended; the gdb-multiarch
            # tests (GdbServerTests) drive Start-PpcGdbServer instead.
            $waits = $code -match 'Start-PpcGdbServer' -and $code -notmatch 'ConnectTimeoutSeconds'
            @{ Name = $c.Name; Number = $n; Code = $code; Waits = $waits }
        }
    }
}

BeforeAll {
    if (-not (Get-Module PpcVirt)) { Import-Module (Join-Path $PSScriptRoot ../../PpcVirt.psd1) -Force }
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot ../..)).Path
}

Describe 'Help of <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Name -Full
        $cmd = Get-Command $Name
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    }

    It 'has a synopsis and a description' {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)".Trim() | Should -Not -BeLike "$Name*"   # not the generated syntax stand-in
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($p in $cmd.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = @($help.parameters.parameter | Where-Object { $_.name -eq $p })
            $entry.Count | Should -Be 1 -Because "-$p is in the help"
            ($entry[0].description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$p has a description"
        }
    }

    It 'names its INPUTS and OUTPUTS' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        "$(@($help.inputTypes.inputType)[0].type.name)".Trim() | Should -Not -BeNullOrEmpty
        @($help.returnValues.returnValue).Count | Should -BeGreaterThan 0
        "$(@($help.returnValues.returnValue)[0].type.name)".Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example, each a whole command line' {
        $all = @($help.examples.example)
        $all.Count | Should -BeGreaterThan 0
        foreach ($e in $all) { "$($e.code)".Trim().Length | Should -BeGreaterThan 3 }
    }
}

Describe 'About topics' {
    It 'has <_>' -ForEach 'about_PpcVirt', 'about_PpcVirt_Profiles' {
        (Get-Help $_ | Out-String) | Should -Match "TOPIC\s+$_"
    }
}

Describe 'Help examples run' {
    BeforeEach {
        Push-Location $repoRoot
        $demo = New-PpcVm -Profile ./examples/profiles/bamboo-440.yaml -Name demo
        $vmlinux = Join-Path $repoRoot tests/guests/bamboo/hello.elf
    }

    AfterEach {
        Get-PpcVm | Remove-PpcVm -Force -Confirm:$false
        Pop-Location
    }

    It '<Name> example <Number>: <Code>' -ForEach $examples {
        if ($Waits) { Set-ItResult -Skipped -Because 'it waits for a debugger to connect (GdbServerTests drive Start-PpcGdbServer with gdb-multiarch)' }
        $ErrorActionPreference = 'Stop'
        $null = & ([scriptblock]::Create($Code)) *>&1
    }
}
