# Unmodified Linux 6.1 on the PPC440 Bamboo guest, as a VMM drives it through the cmdlets.
# Needs the kernel linux/build-bamboo-kernel.sh builds: build.ps1 -Task test sets
# $env:PPCVIRT_LINUX440_KERNEL before this suite runs; without it these tests are skipped.
# Tagged Linux and Slow: `build.ps1 -Task test -ExcludeTag Slow` leaves them out.

BeforeDiscovery {
    $kernelMissing = -not ($env:PPCVIRT_LINUX440_KERNEL -and (Test-Path -LiteralPath $env:PPCVIRT_LINUX440_KERNEL))
}

BeforeAll {
    if (-not (Get-Command -Name New-PpcVm -ErrorAction SilentlyContinue)) {
        Import-Module (Join-Path $PSScriptRoot ../../PpcVirt.psd1) -Force
    }
}

Describe 'Linux 6.1 on Bamboo (seed 004: unmodified 440 kernels as guests)' -Tag Linux, Slow {
    BeforeAll {
        $kernel = $env:PPCVIRT_LINUX440_KERNEL
    }

    It 'boots to /init and its DBCR0 reboot comes back from Start-PpcVcpu as a Reset exit' -Skip:$kernelMissing {
        $vm = New-PpcVm -Name "linux-$([guid]::NewGuid().ToString('N').Substring(0, 8))" -Machine Bamboo -MemoryBytes 128MB -KernelPath $kernel -CommandLine 'console=ttyS0,115200'
        try {
            $exit = $vm | Start-PpcVcpu -Quiet -TimeoutSeconds 120
            "$($exit.Reason)" | Should -Be 'Reset'
            $exit.Details | Should -Match 'DBCR0'
            $vm.ConsoleOutput | Should -Match 'PPCVIRT-INIT-OK'
            $vm.ConsoleOutput | Should -Match 'cpu\s+: 440EP Rev\. B'
            $vm.ConsoleOutput | Should -Match 'PPCVIRT-END: reboot'
        }
        finally {
            $vm | Remove-PpcVm -Confirm:$false
        }
    }

    It 'shows the kernel''s guest TLB after boot: the pinned 256 MiB kernel entry 63 at 0xC0000000' -Skip:$kernelMissing {
        $vm = New-PpcVm -Name "linuxtlb-$([guid]::NewGuid().ToString('N').Substring(0, 8))" -Machine Bamboo -MemoryBytes 128MB -KernelPath $kernel
        try {
            $null = $vm | Start-PpcVcpu -Quiet -TimeoutSeconds 120
            $pinned = Get-PpcTlbEntry -Vm $vm -Index 63
            $pinned.Valid | Should -BeTrue
            $pinned.EffectiveAddress | Should -Be 0xC0000000u
            $pinned.PageSizeBytes | Should -Be 256MB
        }
        finally {
            $vm | Remove-PpcVm -Confirm:$false
        }
    }
}
