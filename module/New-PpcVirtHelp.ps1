<#
.SYNOPSIS
    Regenerates en-US/PpcVirt.PowerShell.dll-Help.xml (next to PpcVirt.psd1, where PowerShell looks for it) (MAML) from the cmdlets' metadata, the
    XML doc comments of the module assembly, and the synopses/examples below.
.DESCRIPTION
    Run after changing cmdlets: `ppcvirt -File module/New-PpcVirtHelp.ps1` (after dotnet build).
#>
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$docXml = [xml][System.IO.File]::ReadAllText((Join-Path $root 'src/PpcVirt.PowerShell/bin/Release/net10.0/PpcVirt.PowerShell.xml'))
$docs = @{}
foreach ($m in $docXml.doc.members.member) { $docs[$m.name] = (($m.summary.InnerText -replace '\s+', ' ').Trim()) }

$help = [ordered]@{
    'New-PpcVm' = @{ Synopsis = 'Creates a PowerPC virtual machine from a YAML profile or from parameters.'
        Examples = @(
            @('New-PpcVm -Profile ./examples/profiles/bamboo-440.yaml', 'Creates the VM a machine profile describes; relative paths resolve against the current location.'),
            @('New-PpcVm -Machine Bamboo -MemoryBytes 128MB -KernelPath ./vmlinux -CommandLine "console=ttyS0" -Name demo', 'Creates a Bamboo board with 128 MiB of RAM and loads a kernel.')) }
    'Get-PpcVm' = @{ Synopsis = 'Gets the virtual machines of this process.'
        Examples = @(@('Get-PpcVm', 'Lists every VM.'), @('Get-PpcVm -Name bam*', 'Lists the VMs whose names start with bam.')) }
    'Remove-PpcVm' = @{ Synopsis = 'Removes virtual machines and frees their memory.'
        Examples = @(@('Get-PpcVm | Remove-PpcVm -WhatIf', 'Shows which VMs would be removed.'), @('Remove-PpcVm -Name demo', 'Removes the VM named demo.')) }
    'Reset-PpcVm' = @{ Synopsis = 'Resets a virtual machine to its power-on state.'
        Examples = @(@('Reset-PpcVm -Vm demo', 'Resets the board: devices and vCPU to power-on state, kernel reloaded.')) }
    'Get-PpcVcpu' = @{ Synopsis = 'Gets the virtual CPUs of virtual machines.'
        Examples = @(@('Get-PpcVm | Get-PpcVcpu', 'Shows every vCPU with its model, PVR, program counter and state.')) }
    'Start-PpcVcpu' = @{ Synopsis = 'Runs a vCPU until it exits, streaming the guest console.'
        Examples = @(@('New-PpcVm -Profile ./bamboo.yaml | Start-PpcVcpu -TimeoutSeconds 60', 'Boots a VM, showing its console as it runs, and outputs the exit (press Ctrl-C to cancel).'),
            @('Start-PpcVcpu -Name demo -MaxInstructions 1000000 -Quiet', 'Runs at most one million instructions without echoing the console.'),
            @('New-PpcVm -Profile ./examples/profiles/bamboo-linux.yaml -KernelPath $vmlinux -CommandLine "console=ttyS0,115200 ppcvirt_end=shell" | Start-PpcVcpu -Interactive', 'Boots Linux and forwards what you type to the guest console, so you can talk to the shell in the guest; Ctrl-C stops the run.')) }
    'Get-PpcDisassembly' = @{ Synopsis = 'Disassembles guest code with Capstone and the core''s instruction table.'
        Examples = @(@('Get-PpcDisassembly -Vm demo', 'Lists 16 instructions at the vCPU''s program counter, translated with its MSR and TLB.'),
            @('Get-PpcDisassembly -Vm demo -Address 0x1000 -Count 4 -Physical', 'Lists 4 instructions read from guest physical address 0x1000.')) }
    'Stop-PpcVcpu' = @{ Synopsis = 'Asks a running vCPU to stop.'
        Examples = @(@('Stop-PpcVcpu -Vm demo', 'The Start-PpcVcpu running demo returns an exit with reason Canceled.')) }
    'Set-PpcMemorySlot' = @{ Synopsis = 'Creates, moves or deletes a guest memory slot (KVM_SET_USER_MEMORY_REGION).'
        Examples = @(@('Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0x100000000 -SizeBytes 1MB -PassThru', 'Maps 1 MiB of new host memory at guest physical 4 GiB.'),
            @('Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0 -SizeBytes 0', 'Deletes slot 1.')) }
    'Get-PpcMemorySlot' = @{ Synopsis = 'Gets the memory slots of a virtual machine.'
        Examples = @(@('Get-PpcMemorySlot -Vm demo', 'Lists the slots ordered by guest physical address.')) }
    'Remove-PpcMemorySlot' = @{ Synopsis = 'Deletes a guest memory slot.'
        Examples = @(@('Get-PpcMemorySlot -Vm demo -Slot 1 | Remove-PpcMemorySlot', 'Deletes slot 1 of demo.')) }
    'Get-PpcRegister' = @{ Synopsis = 'Gets vCPU registers by name.'
        Examples = @(@('Get-PpcRegister -Vm demo -Name r*, MSR, PC', 'Shows the GPRs, the MSR and the program counter.')) }
    'Set-PpcRegister' = @{ Synopsis = 'Sets a vCPU register.'
        Examples = @(@('Set-PpcRegister -Vm demo -Name r3 -Value 0x1000 -PassThru', 'Sets r3 and shows the value read back.')) }
    'Read-PpcGuestMemory' = @{ Synopsis = 'Reads guest physical memory.'
        Examples = @(@('Read-PpcGuestMemory -Vm demo -Address 0x100 -Length 64', 'Shows a hex dump of 64 bytes.'), @('Read-PpcGuestMemory -Vm demo -Address 0 -Length 16 -AsWords', 'Outputs four big-endian 32-bit words.')) }
    'Write-PpcGuestMemory' = @{ Synopsis = 'Writes guest physical memory.'
        Examples = @(@('Write-PpcGuestMemory -Vm demo -Address 0x100 -Value 0x48000000', 'Writes one big-endian word (a branch instruction).'), @('Write-PpcGuestMemory -Vm demo -Address 0x200 -Bytes ([byte[]](1..16))', 'Writes sixteen bytes.')) }
    'Get-PpcCapability' = @{ Synopsis = 'Gets KVM capabilities (KVM_CHECK_EXTENSION) of a virtual machine.'
        Examples = @(@('Get-PpcCapability -Vm demo -Supported', 'Lists the supported capabilities with their values.')) }
    'Get-PpcTlbEntry' = @{ Synopsis = 'Gets the guest TLB entries of a Book E vCPU.'
        Examples = @(@('Get-PpcTlbEntry -Vm demo -Valid', 'Shows the valid entries: EA, RA, size, TID, TS, permissions and WIMGE.')) }
    'Set-PpcTlbEntry' = @{ Synopsis = 'Writes a guest TLB entry as tlbwe would.'
        Examples = @(@('Set-PpcTlbEntry -Vm demo -Index 0 -Word0 0xC0000250 -Word1 0 -Word2 0x3F -Tid 0 -PassThru', 'Maps a 256 MiB page at EA 0xC0000000 to RA 0 with all permissions.')) }
    'Resolve-PpcAddress' = @{ Synopsis = 'Translates an effective address with the vCPU''s MMU state (KVM_TRANSLATE).'
        Examples = @(@('Resolve-PpcAddress -Vm demo -EffectiveAddress 0xC0001000 -Access Execute', 'Shows the real address an instruction fetch would use, or the interrupt it would raise.')) }
    'Send-PpcConsoleInput' = @{ Synopsis = 'Sends text to the guest console.'
        Examples = @(@('Send-PpcConsoleInput -Vm demo -Text "root`n"', 'Types root and Enter on the guest console.')) }
    'Get-PpcConsoleOutput' = @{ Synopsis = 'Gets what the guest wrote to its console.'
        Examples = @(@('Get-PpcConsoleOutput -Vm demo -Raw', 'Returns the console output as one string.'), @('Get-PpcConsoleOutput -Vm demo | Select-Object -Last 5', 'Shows the last five console lines.')) }
    'Get-PpcDirtyLog' = @{ Synopsis = 'Reads and clears the dirty-page log of memory slots (KVM_GET_DIRTY_LOG).'
        Examples = @(@('Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0x100000000 -SizeBytes 1MB -Flags LogDirtyPages; Start-PpcVcpu -Vm demo -MaxInstructions 1000000 -Quiet; Get-PpcDirtyLog -Vm demo -Slot 1', 'Logs stores to a new 1 MiB slot, runs the guest, then shows which of its pages were written.'),
            @('(Get-PpcDirtyLog -Vm demo).DirtyPages', 'Lists the guest physical addresses of the pages written since the previous read, over every logged slot.')) }
}

function Esc([string] $s) { [System.Security.SecurityElement]::Escape($s) }
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$sb = [System.Text.StringBuilder]::new()
$null = $sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
$null = $sb.AppendLine('<!-- Generated by module/New-PpcVirtHelp.ps1; edit that script, not this file. -->')
$null = $sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($name in $help.Keys) {
    $cmd = Get-Command -Name $name -CommandType Cmdlet
    $type = $cmd.ImplementingType
    $h = $help[$name]
    $verb, $noun = $name -split '-', 2
    $desc = $docs["T:$($type.FullName)"]
    $null = $sb.AppendLine('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    $null = $sb.AppendLine("    <command:details><command:name>$name</command:name><maml:description><maml:para>$(Esc $h.Synopsis)</maml:para></maml:description><command:verb>$verb</command:verb><command:noun>$noun</command:noun></command:details>")
    $null = $sb.AppendLine("    <maml:description><maml:para>$(Esc $desc)</maml:para></maml:description>")
    $null = $sb.AppendLine('    <command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        $null = $sb.AppendLine("      <command:syntaxItem><maml:name>$name</maml:name>")
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $pos = if ($p.Position -ge 0) { $p.Position + 1 } else { 'named' }
            $null = $sb.AppendLine("        <command:parameter required=""$($p.IsMandatory.ToString().ToLower())"" position=""$pos"" pipelineInput=""$(if ($p.ValueFromPipeline -or $p.ValueFromPipelineByPropertyName) { 'True' } else { 'False' })""><maml:name>$($p.Name)</maml:name><command:parameterValue required=""true"">$(Esc $p.ParameterType.Name)</command:parameterValue></command:parameter>")
        }
        $null = $sb.AppendLine('      </command:syntaxItem>')
    }
    $null = $sb.AppendLine('    </command:syntax>')
    $null = $sb.AppendLine('    <command:parameters>')
    foreach ($p in $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }) {
        $pdesc = $docs["P:$($type.FullName).$($p.Name)"]
        $attr = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1
        $pos = if ($attr.Position -ge 0) { $attr.Position + 1 } else { 'named' }
        $required = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Mandatory })
        $pipe = if ($attr.ValueFromPipeline) { 'True (ByValue)' } elseif ($attr.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
        $null = $sb.AppendLine("      <command:parameter required=""$($required.ToString().ToLower())"" position=""$pos"" pipelineInput=""$pipe"" globbing=""false""><maml:name>$($p.Name)</maml:name><maml:description><maml:para>$(Esc $pdesc)</maml:para></maml:description><command:parameterValue required=""true"">$(Esc $p.ParameterType.Name)</command:parameterValue><dev:type><maml:name>$(Esc $p.ParameterType.FullName)</maml:name></dev:type></command:parameter>")
    }
    $null = $sb.AppendLine('    </command:parameters>')
    $outputs = @($cmd.OutputType | ForEach-Object { $_.Name } | Select-Object -Unique)
    $null = $sb.AppendLine('    <command:returnValues>')
    foreach ($o in $outputs) { $null = $sb.AppendLine("      <command:returnValue><dev:type><maml:name>$(Esc $o)</maml:name></dev:type><maml:description><maml:para>$(Esc $o)</maml:para></maml:description></command:returnValue>") }
    $null = $sb.AppendLine('    </command:returnValues>')
    $null = $sb.AppendLine('    <command:examples>')
    $i = 1
    foreach ($ex in $h.Examples) {
        $null = $sb.AppendLine("      <command:example><maml:title>-------------------------- Example $i --------------------------</maml:title><dev:code>$(Esc $ex[0])</dev:code><dev:remarks><maml:para>$(Esc $ex[1])</maml:para></dev:remarks></command:example>")
        $i++
    }
    $null = $sb.AppendLine('    </command:examples>')
    $null = $sb.AppendLine('    <command:relatedLinks><maml:navigationLink><maml:linkText>docs/powershell.md</maml:linkText></maml:navigationLink></command:relatedLinks>')
    $null = $sb.AppendLine('  </command:command>')
}
$null = $sb.AppendLine('</helpItems>')
$out = Join-Path $root 'en-US/PpcVirt.PowerShell.dll-Help.xml'
[System.IO.File]::WriteAllText($out, $sb.ToString(), [System.Text.UTF8Encoding]::new($false))
$Host.UI.WriteLine("Wrote $out ($($help.Count) cmdlets)")
