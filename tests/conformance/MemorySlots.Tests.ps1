# KVM_SET_USER_MEMORY_REGION rules (Documentation/virt/kvm/api.rst 4.35) as a VMM sees them through
# Set-PpcMemorySlot, run with Pester 5 (build.ps1 -Task test, or Invoke-Pester tests/conformance).
# Slots 20+ at guest physical 4 GiB and up stay clear of the board's own RAM slot and devices.

BeforeAll {
    if (-not (Get-Command -Name New-PpcVm -ErrorAction SilentlyContinue)) {
        Import-Module (Join-Path $PSScriptRoot ../../PpcVirt.psd1) -Force
    }
    $base = [uint64]0x100000000
}

Describe 'Set-PpcMemorySlot (KVM_SET_USER_MEMORY_REGION)' {
    BeforeEach {
        $vm = New-PpcVm -Name "slots-$([guid]::NewGuid().ToString('N').Substring(0, 8))" -MemoryBytes 16MB
    }

    AfterEach {
        $vm | Remove-PpcVm -Confirm:$false
    }

    It 'creates a slot that Get-PpcMemorySlot reports' {
        $slot = Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 64KB -PassThru
        $slot.Slot | Should -Be 20
        $got = Get-PpcMemorySlot -Vm $vm -Slot 20
        $got.GuestPhysicalAddress | Should -Be $base
        $got.SizeBytes | Should -Be 65536
        $got.GuestPhysicalEnd | Should -Be ($base + 0xFFFF)
        $got.Flags | Should -Be 'None'
    }

    It 'keeps the flags it was given' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 4KB -Flags ReadOnly, LogDirtyPages
        (Get-PpcMemorySlot -Vm $vm -Slot 20).Flags | Should -Be ([PpcVirt.Engine.Hypervisor.MemorySlotFlags]'ReadOnly, LogDirtyPages')
    }

    It 'refuses an overlapping slot with EEXIST and leaves the slots unchanged' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 64KB
        $before = @(Get-PpcMemorySlot -Vm $vm).Count
        { Set-PpcMemorySlot -Vm $vm -Slot 21 -GuestPhysicalAddress ($base + 0x8000) -SizeBytes 64KB -ErrorAction Stop } |
            Should -Throw -ErrorId 'PpcVirt.MemorySlotOverlap,*'
        @(Get-PpcMemorySlot -Vm $vm).Count | Should -Be $before
    }

    It 'reports the overlap as ResourceExists with the errno in the message' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 64KB
        Set-PpcMemorySlot -Vm $vm -Slot 21 -GuestPhysicalAddress $base -SizeBytes 4KB -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PpcVirt.MemorySlotOverlap,*'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $err[0].Exception.Message | Should -Match 'EEXIST'
    }

    It 'refuses <case> with EINVAL' -ForEach @(
        @{ case = 'an unaligned address'; slot = 20; offset = 0x800; size = 4096 }
        @{ case = 'an unaligned size'; slot = 20; offset = 0; size = 1000 }
        @{ case = 'a slot id past the last slot'; slot = 32; offset = 0; size = 4096 }
        @{ case = 'a negative slot id'; slot = -1; offset = 0; size = 4096 }
    ) {
        { Set-PpcMemorySlot -Vm $vm -Slot $slot -GuestPhysicalAddress ($base + $offset) -SizeBytes $size -ErrorAction Stop } |
            Should -Throw -ErrorId 'PpcVirt.InvalidMemorySlot,*'
        Get-PpcMemorySlot -Vm $vm -Slot 20 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'deletes a slot when the size is 0' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 4KB
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 0
        Get-PpcMemorySlot -Vm $vm -Slot 20 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'deletes a slot with Remove-PpcMemorySlot' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 4KB -PassThru | Remove-PpcMemorySlot -Confirm:$false
        Get-PpcMemorySlot -Vm $vm -Slot 20 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses to delete an empty slot' {
        { Set-PpcMemorySlot -Vm $vm -Slot 22 -GuestPhysicalAddress 0 -SizeBytes 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'PpcVirt.InvalidMemorySlot,*'
    }

    It 'refuses to resize an existing slot' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 4KB
        { Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 8KB -ErrorAction Stop } |
            Should -Throw -ErrorId 'PpcVirt.InvalidMemorySlot,*'
        (Get-PpcMemorySlot -Vm $vm -Slot 20).SizeBytes | Should -Be 4096
    }

    It 'moves a slot of the same size and keeps its contents' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 4KB
        Write-PpcGuestMemory -Vm $vm -Address ($base + 8) -Value 0x1AFEF00D
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress ($base + 1MB) -SizeBytes 4KB
        Read-PpcGuestMemory -Vm $vm -Address ($base + 1MB + 8) -Length 4 -AsWords | Should -Be 0x1AFEF00D
    }

    It 'leaves the slots unchanged with -WhatIf' {
        Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 4KB -WhatIf
        Get-PpcMemorySlot -Vm $vm -Slot 20 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    Context 'guest memory through the slot' {
        BeforeEach {
            Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress $base -SizeBytes 8KB
        }

        It 'round-trips bytes' {
            [byte[]] $data = 1..100
            Write-PpcGuestMemory -Vm $vm -Address ($base + 0x100) -Bytes $data
            $dump = Read-PpcGuestMemory -Vm $vm -Address ($base + 0x100) -Length 100
            $dump.Bytes | Should -Be $data
        }

        It 'writes words big-endian' {
            Write-PpcGuestMemory -Vm $vm -Address $base -Value 0x11223344
            (Read-PpcGuestMemory -Vm $vm -Address $base -Length 4).Bytes | Should -Be @(0x11, 0x22, 0x33, 0x44)
        }

        It 'reads text with -AsString' {
            Write-PpcGuestMemory -Vm $vm -Address $base -Bytes ([System.Text.Encoding]::ASCII.GetBytes('hello'))
            Read-PpcGuestMemory -Vm $vm -Address $base -Length 5 -AsString | Should -BeExactly 'hello'
        }

        It 'faults with EFAULT on a <what> outside every slot' -ForEach @(
            @{ what = 'read'; write = $false; offset = 0x10000 }
            @{ what = 'write'; write = $true; offset = 0x10000 }
            @{ what = 'write crossing the slot end'; write = $true; offset = 0x1FFE }
        ) {
            $address = $base + $offset
            if ($write) {
                { Write-PpcGuestMemory -Vm $vm -Address $address -Value 1 -ErrorAction Stop } | Should -Throw -ErrorId 'PpcVirt.GuestMemoryFault,*'
            }
            else {
                { Read-PpcGuestMemory -Vm $vm -Address $address -Length 4 -ErrorAction Stop } | Should -Throw -ErrorId 'PpcVirt.GuestMemoryFault,*'
            }
        }

        It 'leaves memory unchanged when a write faults part-way' {
            Write-PpcGuestMemory -Vm $vm -Address ($base + 0x1FFC) -Value 0x2ABBCCDD
            Write-PpcGuestMemory -Vm $vm -Address ($base + 0x1FFE) -Value 0x11111111 -ErrorAction SilentlyContinue
            Read-PpcGuestMemory -Vm $vm -Address ($base + 0x1FFC) -Length 4 -AsWords | Should -Be 0x2ABBCCDD
        }
    }
}
