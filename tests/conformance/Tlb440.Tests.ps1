# The PPC440 guest TLB as a VMM sees it (seed 004): tlbwe words in and out unchanged, and
# KVM_TRANSLATE-style lookups (Resolve-PpcAddress) with the vCPU's MSR and PID.
# Word 0 (PAGEID) = EPN | V 0x200 | TS 0x100 | SIZE << 4; word 1 (XLAT) = RPN | ERPN;
# word 2 (ATTRIB) = WIMGE << 7 | UX 0x20 UW 0x10 UR 0x08 SX 0x04 SW 0x02 SR 0x01.
# MSR: PR 0x4000 (user mode), IS 0x20 (instruction space), DS 0x10 (data space).

BeforeAll {
    if (-not (Get-Command -Name New-PpcVm -ErrorAction SilentlyContinue)) {
        Import-Module (Join-Path $PSScriptRoot ../../PpcVirt.psd1) -Force
    }

    $V = 0x200; $TS = 0x100
    $UX = 0x20; $UW = 0x10; $UR = 0x08; $SX = 0x04; $SW = 0x02; $SR = 0x01
    $MSR_PR = 0x4000; $MSR_IS = 0x20; $MSR_DS = 0x10
    $size4K = 1 -shl 4

    function New-TlbVm {
        New-PpcVm -Name "tlb-$([guid]::NewGuid().ToString('N').Substring(0, 8))" -MemoryBytes 16MB
    }

    function Set-Mode([uint64] $Msr, [uint64] $ProcessId) {
        Set-PpcRegister -Vm $vm -Name MSR -Value $Msr
        Set-PpcRegister -Vm $vm -Name PID -Value $ProcessId
    }
}

Describe 'PPC440 guest TLB (Set-PpcTlbEntry / Get-PpcTlbEntry)' {
    BeforeEach {
        $vm = New-TlbVm
    }

    AfterEach {
        $vm | Remove-PpcVm -Confirm:$false
    }

    It 'has 64 entries' {
        @(Get-PpcTlbEntry -Vm $vm).Count | Should -Be 64
    }

    It 'returns exactly the words written to entry <index>' -ForEach @(
        @{ index = 0; w0 = 0x70000000 -bor 0x200 -bor 0x10; w1 = 0x00000000; w2 = 0x0000003F; tid = 0 }
        @{ index = 17; w0 = 0x10000000 -bor 0x300 -bor 0x50; w1 = 0x20000001; w2 = 0x00000F8D; tid = 42 }
        @{ index = 63; w0 = 0x00001000; w1 = 0x7FFFF000; w2 = 0x00000000; tid = 255 }
    ) {
        Set-PpcTlbEntry -Vm $vm -Index $index -Word0 $w0 -Word1 $w1 -Word2 $w2 -Tid $tid
        $e = Get-PpcTlbEntry -Vm $vm -Index $index
        $e.Word0 | Should -Be $w0
        $e.Word1 | Should -Be $w1
        $e.Word2 | Should -Be $w2
        $e.Tid | Should -Be $tid
    }

    It 'decodes the fields' {
        $e = Set-PpcTlbEntry -Vm $vm -Index 3 -Word0 (0x40000000 -bor $V -bor $size4K) -Word1 0x00100001 -Word2 ((0x0A -shl 7) -bor $SX -bor $SW -bor $SR -bor $UR) -Tid 5 -PassThru
        $e.Valid | Should -BeTrue
        $e.EffectiveAddress | Should -Be 0x40000000
        $e.RealAddress | Should -Be 0x100100000
        $e.Size | Should -Be '4KB'
        $e.Permissions | Should -Be 'SX SW SR UR'
        $e.Wimge | Should -Be '-I-G-'
    }

    It 'lists only valid entries with -Valid' {
        Set-PpcTlbEntry -Vm $vm -Index 9 -Word0 (0x50000000 -bor $V -bor $size4K) -Word1 0 -Word2 $SR
        (Get-PpcTlbEntry -Vm $vm -Valid).Index | Should -Contain 9
    }

    It 'leaves the TLB unchanged with -WhatIf' {
        $before = Get-PpcTlbEntry -Vm $vm -Index 2
        Set-PpcTlbEntry -Vm $vm -Index 2 -Word0 (0x60000000 -bor $V) -Word1 0 -Word2 $SR -WhatIf
        (Get-PpcTlbEntry -Vm $vm -Index 2).Word0 | Should -Be $before.Word0
    }

    It 'refuses an index past the last entry with EINVAL' {
        { Set-PpcTlbEntry -Vm $vm -Index 64 -Word0 0 -ErrorAction Stop } | Should -Throw -ErrorId 'PpcVirt.InvalidTlbEntry,*'
    }
}

Describe 'Resolve-PpcAddress (KVM_TRANSLATE) on the PPC440' {
    BeforeEach {
        $vm = New-TlbVm
    }

    AfterEach {
        $vm | Remove-PpcVm -Confirm:$false
    }

    Context 'TID and PID' {
        It 'matches TID 0 with any PID (PID <procId>)' -ForEach @(@{ procId = 0 }, @{ procId = 5 }, @{ procId = 255 }) {
            Set-PpcTlbEntry -Vm $vm -Index 1 -Word0 (0x10000000 -bor $V -bor $size4K) -Word1 0x00200000 -Word2 ($SR -bor $SW) -Tid 0
            Set-Mode -Msr 0 -ProcessId $procId
            $r = Resolve-PpcAddress -Vm $vm -EffectiveAddress 0x10000123
            $r.Valid | Should -BeTrue
            $r.PhysicalAddress | Should -Be 0x00200123
            $r.TlbIndex | Should -Be 1
        }

        It 'misses when TID differs from PID' {
            Set-PpcTlbEntry -Vm $vm -Index 1 -Word0 (0x10000000 -bor $V -bor $size4K) -Word1 0x00200000 -Word2 $SR -Tid 7
            Set-Mode -Msr 0 -ProcessId 5
            $r = Resolve-PpcAddress -Vm $vm -EffectiveAddress 0x10000000
            $r.Valid | Should -BeFalse
            $r.TlbIndex | Should -Be -1
            $r.Fault | Should -Be 'DataTlbError'
        }

        It 'hits when TID equals PID' {
            Set-PpcTlbEntry -Vm $vm -Index 1 -Word0 (0x10000000 -bor $V -bor $size4K) -Word1 0x00200000 -Word2 $SR -Tid 7
            Set-Mode -Msr 0 -ProcessId 7
            (Resolve-PpcAddress -Vm $vm -EffectiveAddress 0x10000000).Valid | Should -BeTrue
        }

        It 'ignores invalid entries' {
            Set-PpcTlbEntry -Vm $vm -Index 1 -Word0 (0x10000000 -bor $size4K) -Word1 0x00200000 -Word2 $SR -Tid 0
            Set-Mode -Msr 0 -ProcessId 0
            (Resolve-PpcAddress -Vm $vm -EffectiveAddress 0x10000000).Fault | Should -Be 'DataTlbError'
        }
    }

    Context 'translation space' {
        It 'uses MSR[DS] for data and MSR[IS] for fetches (<access>, MSR 0x<msrHex>, TS <space>: <fault>)' -ForEach @(
            @{ access = 'Read'; msr = 0x00; msrHex = '00'; space = 0; fault = $null }
            @{ access = 'Read'; msr = 0x10; msrHex = '10'; space = 0; fault = 'DataTlbError' }
            @{ access = 'Read'; msr = 0x10; msrHex = '10'; space = 1; fault = $null }
            @{ access = 'Read'; msr = 0x20; msrHex = '20'; space = 1; fault = 'DataTlbError' }
            @{ access = 'Execute'; msr = 0x20; msrHex = '20'; space = 1; fault = $null }
            @{ access = 'Execute'; msr = 0x10; msrHex = '10'; space = 1; fault = 'InstructionTlbError' }
            @{ access = 'Execute'; msr = 0x00; msrHex = '00'; space = 0; fault = $null }
        ) {
            $w0 = 0x10000000 -bor $V -bor $size4K -bor $(if ($space) { $TS } else { 0 })
            Set-PpcTlbEntry -Vm $vm -Index 4 -Word0 $w0 -Word1 0x00300000 -Word2 ($SR -bor $SX) -Tid 0
            Set-Mode -Msr $msr -ProcessId 0
            $r = Resolve-PpcAddress -Vm $vm -EffectiveAddress 0x10000010 -Access $access
            $r.Fault | Should -Be $fault
            $r.Valid | Should -Be ($null -eq $fault)
        }
    }

    Context 'permissions (supervisor uses SX/SW/SR, user mode MSR[PR]=1 uses UX/UW/UR)' {
        It '<mode> <access> with <perms>: <fault>' -ForEach @(
            @{ mode = 'supervisor'; access = 'Read'; perms = 'SR'; bits = 0x01; fault = $null }
            @{ mode = 'supervisor'; access = 'Read'; perms = 'UR'; bits = 0x08; fault = 'DataStorage' }
            @{ mode = 'supervisor'; access = 'Write'; perms = 'SR'; bits = 0x01; fault = 'DataStorage' }
            @{ mode = 'supervisor'; access = 'Write'; perms = 'SW'; bits = 0x02; fault = $null }
            @{ mode = 'supervisor'; access = 'Execute'; perms = 'SX'; bits = 0x04; fault = $null }
            @{ mode = 'supervisor'; access = 'Execute'; perms = 'UX'; bits = 0x20; fault = 'InstructionStorage' }
            @{ mode = 'user'; access = 'Read'; perms = 'UR'; bits = 0x08; fault = $null }
            @{ mode = 'user'; access = 'Read'; perms = 'SR'; bits = 0x01; fault = 'DataStorage' }
            @{ mode = 'user'; access = 'Write'; perms = 'UW'; bits = 0x10; fault = $null }
            @{ mode = 'user'; access = 'Write'; perms = 'SW UR'; bits = 0x0A; fault = 'DataStorage' }
            @{ mode = 'user'; access = 'Execute'; perms = 'UX'; bits = 0x20; fault = $null }
            @{ mode = 'user'; access = 'Execute'; perms = 'SX'; bits = 0x04; fault = 'InstructionStorage' }
        ) {
            Set-PpcTlbEntry -Vm $vm -Index 6 -Word0 (0x20000000 -bor $V -bor $size4K) -Word1 0x00400000 -Word2 $bits -Tid 0
            Set-Mode -Msr $(if ($mode -eq 'user') { $MSR_PR } else { 0 }) -ProcessId 0
            $r = Resolve-PpcAddress -Vm $vm -EffectiveAddress 0x20000000 -Access $access
            $r.Fault | Should -Be $fault
            $r.TlbIndex | Should -Be 6
        }
    }

    Context 'page sizes' {
        It 'maps a <name> page (SIZE <size>) and no further' -ForEach @(
            @{ name = '1KB'; size = 0; bytes = 1KB }
            @{ name = '4KB'; size = 1; bytes = 4KB }
            @{ name = '16KB'; size = 2; bytes = 16KB }
            @{ name = '64KB'; size = 3; bytes = 64KB }
            @{ name = '256KB'; size = 4; bytes = 256KB }
            @{ name = '1MB'; size = 5; bytes = 1MB }
            @{ name = '16MB'; size = 7; bytes = 16MB }
            @{ name = '256MB'; size = 9; bytes = 256MB }
        ) {
            $ea = 0x40000000; $ra = 0x10000000
            $e = Set-PpcTlbEntry -Vm $vm -Index 8 -Word0 ($ea -bor $V -bor ($size -shl 4)) -Word1 $ra -Word2 $SR -Tid 0 -PassThru
            $e.PageSizeBytes | Should -Be $bytes
            $e.Size | Should -Be $name
            Set-Mode -Msr 0 -ProcessId 0
            $last = Resolve-PpcAddress -Vm $vm -EffectiveAddress ($ea + $bytes - 4)
            $last.Valid | Should -BeTrue
            $last.PhysicalAddress | Should -Be ($ra + $bytes - 4)
            (Resolve-PpcAddress -Vm $vm -EffectiveAddress ($ea + $bytes)).Valid | Should -BeFalse
        }
    }
}
