<#
.SYNOPSIS
    Regenerates en-US/PpcVirt.PowerShell.dll-Help.xml (next to PpcVirt.psd1, where PowerShell looks for it) (MAML) from the cmdlets' metadata, the
    XML doc comments of the module assembly, and the synopses/examples below.
.DESCRIPTION
    Run after changing cmdlets: `dotnet pwsh -NoProfile -File module/New-PpcVirtHelp.ps1` (after dotnet build -c Release).
#>
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
if (-not (Get-Module PpcVirt)) { Import-Module (Join-Path $root 'PpcVirt.psd1') }
$docXml = [xml][System.IO.File]::ReadAllText((Join-Path $root 'src/PpcVirt.PowerShell/bin/Release/net10.0/PpcVirt.PowerShell.xml'))
$docs = @{}
foreach ($m in $docXml.SelectNodes('/doc/members/member')) {
    $summary = $m.SelectSingleNode('summary')
    if ($summary) { $docs[$m.GetAttribute('name')] = (($summary.InnerText -replace '\s+', ' ').Trim()) }
}

$help = [ordered]@{
    'New-PpcVm' = @{ Synopsis = 'Creates a PowerPC virtual machine from a YAML profile or from parameters.'
        Examples = @(
            @('New-PpcVm -Profile ./examples/profiles/bamboo-440.yaml', 'Creates the VM a machine profile describes; relative paths resolve against the current location.'),
            @('New-PpcVm -Machine Bamboo -MemoryBytes 128MB -KernelPath ./tests/guests/bamboo/hello.elf -CommandLine "console=ttyS0" -Name lab1', 'Creates a Bamboo board with 128 MiB of RAM and loads a kernel (any 32-bit PowerPC ELF).')) }
    'Get-PpcVm' = @{ Synopsis = 'Gets the virtual machines of this process.'
        Examples = @(@('Get-PpcVm', 'Lists every VM.'), @('Get-PpcVm -Name bam*', 'Lists the VMs whose names start with bam.')) }
    'Remove-PpcVm' = @{ Synopsis = 'Removes virtual machines and frees their memory.'
        Examples = @(@('Get-PpcVm | Remove-PpcVm -WhatIf', 'Shows which VMs would be removed.'), @('Remove-PpcVm -Name demo -Confirm:$false', 'Removes the VM named demo.')) }
    'Reset-PpcVm' = @{ Synopsis = 'Resets a virtual machine to its power-on state.'
        Examples = @(@('Reset-PpcVm -Vm demo -Confirm:$false', 'Resets the board: devices and vCPU to power-on state, kernel reloaded.')) }
    'Get-PpcVcpu' = @{ Synopsis = 'Gets the virtual CPUs of virtual machines.'
        Examples = @(@('Get-PpcVm | Get-PpcVcpu', 'Shows every vCPU with its model, PVR, program counter and state.')) }
    'Start-PpcVcpu' = @{ Synopsis = 'Runs a vCPU until it exits, streaming the guest console.'
        Examples = @(@('New-PpcVm -Profile ./examples/profiles/bamboo-440.yaml | Start-PpcVcpu -TimeoutSeconds 60', 'Boots a VM, showing its console as it runs, and outputs the exit (press Ctrl-C to cancel).'),
            @('Start-PpcVcpu -Name demo -MaxInstructions 1000000 -Quiet', 'Runs at most one million instructions without echoing the console.'),
            @('Start-PpcVcpu -Vm demo -Until ''Hello from \w+'' -Quiet | Select-Object Reason, ConsoleMatch', 'Runs until the console shows the greeting, then stops (Reason Canceled, ConsoleMatch the matched text).'),
            @('New-PpcVm -Profile ./examples/profiles/bamboo-linux.yaml -KernelPath $vmlinux -CommandLine "console=ttyS0,115200 ppcvirt_end=shell" | Start-PpcVcpu -Interactive -TimeoutSeconds 600', 'Boots the kernel $vmlinux (e.g. the Linux kernel linux/build-bamboo-kernel.sh builds) and forwards what you type to the guest console, so you can talk to the shell in the guest; Ctrl-C stops the run.')) }
    'Start-PpcGdbServer' = @{ Synopsis = 'Serves a VM to gdb over the GDB remote protocol (like QEMU -gdb tcp::1234).'
        Examples = @(@('$vm = New-PpcVm -KernelPath ./tests/guests/bamboo/hello.elf; Start-PpcGdbServer -Vm $vm -Port 1234', 'Waits for gdb on 127.0.0.1:1234 with the guest stopped at its entry point; in another terminal: gdb-multiarch -ex "target remote 127.0.0.1:1234" -ex "break *main" -ex continue ./tests/guests/bamboo/hello.elf. Returns when gdb detaches (the vCPU stays where gdb left it); Ctrl-C ends the session.'),
            @('Start-PpcGdbServer -Vm demo -Port 0 -Quiet -ConnectTimeoutSeconds 1', 'Listens on a free port (announced on the host) without echoing the guest console, and gives up (End = NoConnection) when no debugger connects within a second.')) }
    'Get-PpcDisassembly' = @{ Synopsis = 'Disassembles guest code with Capstone and the core''s instruction table.'
        Examples = @(@('Get-PpcDisassembly -Vm demo', 'Lists 16 instructions at the vCPU''s program counter, translated with its MSR and TLB.'),
            @('Get-PpcDisassembly -Vm demo -Address 0x1000 -Count 4 -Physical', 'Lists 4 instructions read from guest physical address 0x1000.'),
            @('Get-PpcDisassembly -Vm demo -Symbol main', 'Lists the function main of the VM''s ELF kernel; the Symbol column labels each line function+0xoff.'),
            @('Get-PpcDisassembly -Vm demo -Address ''puts_+0x8'' -Count 4 | Format-Table Address, Symbol, Mnemonic, Operands', 'Starts 8 bytes into puts_; -Address takes numbers, hex strings and symbol+offset.')) }
    'Stop-PpcVcpu' = @{ Synopsis = 'Asks a running vCPU to stop.'
        Examples = @(@('Start-PpcVcpu -Vm demo -NoWait; Stop-PpcVcpu -Vm demo; Wait-PpcVcpu -Vm demo', 'Stops the background run of demo; its exit (reason Canceled, or Reset if the guest finished first) is what Wait-PpcVcpu outputs.')) }
    'Wait-PpcVcpu' = @{ Synopsis = 'Waits for a background vCPU run to end and outputs its exit.'
        Examples = @(@('Start-PpcVcpu -Vm demo -NoWait; Wait-PpcVcpu -Vm demo -TimeoutSeconds 60', 'Runs demo in the background, then waits up to a minute for its exit.')) }
    'Wait-PpcConsole' = @{ Synopsis = 'Waits until the guest console matches a regular expression (expect-style).'
        Examples = @(@('Start-PpcVcpu -Vm demo -NoWait; Wait-PpcConsole -Vm demo -Pattern ''Hello from (\w+)'' -TimeoutSeconds 30', 'Runs demo in the background and waits for its greeting; the match''s Groups hold the captured word.'),
            @('Start-PpcVcpu -Vm demo -NoWait; Wait-PpcConsole -Vm demo -Pattern ''PPC440''; Wait-PpcConsole -Vm demo -Pattern ''guest''', 'Waits for one text after another: each search starts where the previous match ended.')) }
    'Set-PpcMemorySlot' = @{ Synopsis = 'Creates, moves or deletes a guest memory slot (KVM_SET_USER_MEMORY_REGION).'
        Examples = @(@('Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0x100000000 -SizeBytes 1MB -PassThru', 'Maps 1 MiB of new host memory at guest physical 4 GiB.'),
            @('Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0x100000000 -SizeBytes 1MB; Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0 -SizeBytes 0', 'Creates slot 1, then deletes it (a size of 0 deletes, as with KVM_SET_USER_MEMORY_REGION).')) }
    'Get-PpcMemorySlot' = @{ Synopsis = 'Gets the memory slots of a virtual machine.'
        Examples = @(@('Get-PpcMemorySlot -Vm demo', 'Lists the slots ordered by guest physical address.')) }
    'Remove-PpcMemorySlot' = @{ Synopsis = 'Deletes a guest memory slot.'
        Examples = @(@('Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0x100000000 -SizeBytes 64KB -PassThru | Remove-PpcMemorySlot', 'Creates slot 1 of demo and deletes it again through the pipeline.')) }
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
    'Trace-PpcVcpu' = @{ Synopsis = 'Runs a vCPU one instruction at a time and writes an instruction, interrupt and exit trace to a file.'
        Examples = @(@('Trace-PpcVcpu -Vm demo -Path (Join-Path ([IO.Path]::GetTempPath()) ''demo.trace'') -MaxInstructions 200', 'Runs 200 instructions and writes one line per instruction (count, PC, word, mnemonic, symbol), interrupt and the exit.'),
            @('$csv = Join-Path ([IO.Path]::GetTempPath()) ''demo.csv''; Trace-PpcVcpu -Vm demo -Path $csv -Format Csv -MaxInstructions 500; Import-Csv $csv | Where-Object kind -ne instruction', 'Writes a CSV trace and lists its interrupt and exit rows.')) }
    'Test-PpcVmProfile' = @{ Synopsis = 'Validates YAML machine profiles without creating a VM.'
        Examples = @(@('Test-PpcVmProfile -Path ./examples/profiles/bamboo-440.yaml', 'Outputs True; for a broken file False and an error with file:line:column: reason.'),
            @('Get-ChildItem ./examples/profiles/*.yaml | Test-PpcVmProfile -Detailed | Format-Table Path, IsValid, Line, Column, Reason', 'Tests every example profile and shows where each problem is.')) }
    'Export-PpcVmProfile' = @{ Synopsis = 'Writes a VM back as a YAML machine profile that New-PpcVm -Profile recreates.'
        Examples = @(@('Export-PpcVmProfile -Vm demo', 'Outputs the VM as profile YAML (machine, cpu, memory, kernel, commandLine, limits).'),
            @('Export-PpcVmProfile -Vm demo -Path (Join-Path ([IO.Path]::GetTempPath()) ''demo.yaml'') -PassThru | Test-PpcVmProfile', 'Writes the profile to a file and checks that it loads back.')) }
    'Get-PpcConsoleOutput' = @{ Synopsis = 'Gets what the guest wrote to its console.'
        Examples = @(@('Get-PpcConsoleOutput -Vm demo -Raw', 'Returns the console output as one string.'), @('Get-PpcConsoleOutput -Vm demo | Select-Object -Last 5', 'Shows the last five console lines.')) }
    'Get-PpcDirtyLog' = @{ Synopsis = 'Reads and clears the dirty-page log of memory slots (KVM_GET_DIRTY_LOG).'
        Examples = @(@('Set-PpcMemorySlot -Vm demo -Slot 1 -GuestPhysicalAddress 0x100000000 -SizeBytes 1MB -Flags LogDirtyPages; Start-PpcVcpu -Vm demo -MaxInstructions 1000000 -Quiet; Get-PpcDirtyLog -Vm demo -Slot 1', 'Logs stores to a new 1 MiB slot, runs the guest, then shows which of its pages were written.'),
            @('(Get-PpcDirtyLog -Vm demo).DirtyPages', 'Lists the guest physical addresses of the pages written since the previous read, over every logged slot.')) }
}

function Esc([string] $s) { [System.Security.SecurityElement]::Escape($s) }

# Doc comment of a parameter's property, looked up on the type that declares it.
function Get-ParameterDoc([type] $Type, [string] $Name) {
    $property = $Type.GetProperty($Name)
    $declaring = if ($property) { $property.DeclaringType.FullName } else { $Type.FullName }
    $docs["P:$declaring.$Name"]
}

# Doc comment of a type (the first sentence is enough for INPUTS/OUTPUTS).
function Get-TypeDoc([type] $Type) {
    $d = $docs["T:$($Type.FullName)"]
    if (-not $d) { $d = "$($Type.FullName)" }
    $d
}

$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$sb = [System.Text.StringBuilder]::new()
$null = $sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
$null = $sb.AppendLine('<!-- Generated by module/New-PpcVirtHelp.ps1; edit that script, not this file. -->')
$null = $sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($name in $help.Keys) {
    $cmd = Get-Command -Name $name -CommandType Cmdlet
    $type = $cmd.ImplementingType
    $h = $help[$name]
    # A one-example table row arrives flattened (@(@(code, text)) is @(code, text)): wrap it again.
    $examples = @($h.Examples)
    if ($examples.Count -gt 0 -and $examples[0] -is [string]) { $examples = , $examples }
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
    $inputs = [System.Collections.Generic.List[object]]::new()
    foreach ($p in $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }) {
        $pdesc = Get-ParameterDoc $type $p.Name
        if (-not $pdesc) { throw "$name -$($p.Name) has no doc comment: document the property in C#." }
        $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $attr = $attrs[0]
        $pos = if ($attr.Position -ge 0) { $attr.Position + 1 } else { 'named' }
        $required = [bool]($attrs | Where-Object { $_.Mandatory })
        $pipe = if ($attrs | Where-Object { $_.ValueFromPipeline }) { 'True (ByValue)' } elseif ($attrs | Where-Object { $_.ValueFromPipelineByPropertyName }) { 'True (ByPropertyName)' } else { 'False' }
        if ($pipe -ne 'False') { $inputs.Add([pscustomobject]@{ Type = $p.ParameterType; Parameter = $p.Name; How = $pipe }) }
        $null = $sb.AppendLine("      <command:parameter required=""$($required.ToString().ToLower())"" position=""$pos"" pipelineInput=""$pipe"" globbing=""$(([bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToString().ToLower())""><maml:name>$($p.Name)</maml:name><maml:description><maml:para>$(Esc $pdesc)</maml:para></maml:description><command:parameterValue required=""true"">$(Esc $p.ParameterType.Name)</command:parameterValue><dev:type><maml:name>$(Esc $p.ParameterType.FullName)</maml:name></dev:type></command:parameter>")
    }
    $null = $sb.AppendLine('    </command:parameters>')
    $null = $sb.AppendLine('    <command:inputTypes>')
    if ($inputs.Count -eq 0) {
        $null = $sb.AppendLine('      <command:inputType><dev:type><maml:name>None</maml:name></dev:type><maml:description><maml:para>This cmdlet takes no pipeline input.</maml:para></maml:description></command:inputType>')
    }
    foreach ($in in $inputs) {
        $null = $sb.AppendLine("      <command:inputType><dev:type><maml:name>$(Esc $in.Type.FullName)</maml:name></dev:type><maml:description><maml:para>-$($in.Parameter), $($in.How): $(Esc (Get-TypeDoc ($in.Type.IsArray ? $in.Type.GetElementType() : $in.Type)))</maml:para></maml:description></command:inputType>")
    }
    $null = $sb.AppendLine('    </command:inputTypes>')
    $null = $sb.AppendLine('    <command:returnValues>')
    $outputs = @($cmd.OutputType | ForEach-Object { $_.Type } | Where-Object { $_ } | Select-Object -Unique)
    if ($outputs.Count -eq 0 -or ($outputs.Count -eq 1 -and $outputs[0] -eq [void])) {
        $null = $sb.AppendLine('      <command:returnValue><dev:type><maml:name>None</maml:name></dev:type><maml:description><maml:para>This cmdlet writes no objects.</maml:para></maml:description></command:returnValue>')
    }
    else {
        foreach ($o in $outputs | Where-Object { $_ -ne [void] }) { $null = $sb.AppendLine("      <command:returnValue><dev:type><maml:name>$(Esc $o.FullName)</maml:name></dev:type><maml:description><maml:para>$(Esc (Get-TypeDoc $o))</maml:para></maml:description></command:returnValue>") }
    }
    $null = $sb.AppendLine('    </command:returnValues>')
    $null = $sb.AppendLine('    <command:examples>')
    $i = 1
    foreach ($ex in $examples) {
        $null = $sb.AppendLine("      <command:example><maml:title>-------------------------- Example $i --------------------------</maml:title><dev:code>$(Esc $ex[0])</dev:code><dev:remarks><maml:para>$(Esc $ex[1])</maml:para></dev:remarks></command:example>")
        $i++
    }
    $null = $sb.AppendLine('    </command:examples>')
    $null = $sb.AppendLine('    <command:relatedLinks><maml:navigationLink><maml:linkText>about_PpcVirt</maml:linkText></maml:navigationLink><maml:navigationLink><maml:linkText>docs/powershell.md</maml:linkText></maml:navigationLink></command:relatedLinks>')
    $null = $sb.AppendLine('  </command:command>')
}
$null = $sb.AppendLine('</helpItems>')
$out = Join-Path $root 'en-US/PpcVirt.PowerShell.dll-Help.xml'
[System.IO.File]::WriteAllText($out, $sb.ToString(), [System.Text.UTF8Encoding]::new($false))
Write-Host "Wrote $out ($($help.Count) cmdlets)"
