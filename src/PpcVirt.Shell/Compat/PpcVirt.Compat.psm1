# PpcVirt.Compat: stand-ins for the Microsoft.PowerShell.Utility / .Management cmdlets that a host
# built on the bare System.Management.Automation package lacks (Write-Output, Join-Path, Out-String, …).
# ppcvirt imports this module only when Write-Output is not available as a cmdlet. The subset covers
# what build scripts, examples and Pester-style test files commonly use; it is not a full replacement.

Set-StrictMode -Version 3

function Resolve-CompatPath([string] $Path) {
    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

function Write-Output {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline, ValueFromRemainingArguments)][AllowNull()][AllowEmptyCollection()] $InputObject,
          [switch] $NoEnumerate)
    process {
        if ($NoEnumerate) { $PSCmdlet.WriteObject($InputObject, $false) }
        else { $PSCmdlet.WriteObject($InputObject, $true) }
    }
}

function Write-Host {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline, ValueFromRemainingArguments)] $Object,
          [switch] $NoNewline, $Separator = ' ', [ConsoleColor] $ForegroundColor, [ConsoleColor] $BackgroundColor)
    process {
        $text = if ($null -eq $Object) { '' } elseif ($Object -is [string]) { $Object } elseif ($Object -is [System.Collections.IEnumerable]) { ($Object | ForEach-Object { "$_" }) -join $Separator } else { "$Object" }
        if ($NoNewline) { $Host.UI.Write($text) } else { $Host.UI.WriteLine($text) }
    }
}

function Write-Error {
    [CmdletBinding(DefaultParameterSetName = 'Message')]
    param([Parameter(Position = 0, ParameterSetName = 'Message', ValueFromPipeline)][string] $Message,
          [Parameter(Mandatory, ParameterSetName = 'ErrorRecord')][System.Management.Automation.ErrorRecord] $ErrorRecord,
          [Parameter(Mandatory, ParameterSetName = 'Exception')][Exception] $Exception,
          [Parameter(ParameterSetName = 'Exception')][Parameter(ParameterSetName = 'Message')][string] $ErrorId = 'Microsoft.PowerShell.Commands.WriteErrorException',
          [Parameter(ParameterSetName = 'Exception')][Parameter(ParameterSetName = 'Message')][System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
          [Parameter(ParameterSetName = 'Exception')][Parameter(ParameterSetName = 'Message')] $TargetObject)
    process {
        $record = switch ($PSCmdlet.ParameterSetName) {
            'ErrorRecord' { $ErrorRecord }
            'Exception' { [System.Management.Automation.ErrorRecord]::new($Exception, $ErrorId, $Category, $TargetObject) }
            default { [System.Management.Automation.ErrorRecord]::new([Exception]::new($Message), $ErrorId, $Category, $TargetObject) }
        }
        $PSCmdlet.WriteError($record)
    }
}

function Write-Warning { [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string] $Message) process { $PSCmdlet.WriteWarning($Message) } }
function Write-Verbose { [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string] $Message) process { $PSCmdlet.WriteVerbose($Message) } }
function Write-Debug { [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string] $Message) process { $PSCmdlet.WriteDebug($Message) } }
function Write-Information { [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $MessageData, [string[]] $Tags) process { $PSCmdlet.WriteInformation($MessageData, $Tags) } }
function Write-Progress { [CmdletBinding()] param([Parameter(Position = 0)] $Activity, [Parameter(Position = 1)] $Status, $Id, $PercentComplete, $SecondsRemaining, $CurrentOperation, $ParentId, [switch] $Completed) }

function Join-Path {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][string[]] $Path,
          [Parameter(Position = 1)][AllowEmptyString()][string] $ChildPath,
          [Parameter(Position = 2, ValueFromRemainingArguments)][string[]] $AdditionalChildPath,
          [switch] $Resolve)
    process {
        foreach ($p in $Path) {
            $result = $p
            foreach ($c in @($ChildPath) + @($AdditionalChildPath | Where-Object { $null -ne $_ })) {
                if ([string]::IsNullOrEmpty($c)) { continue }
                $sep = [System.IO.Path]::DirectorySeparatorChar
                $result = $result.TrimEnd('/', '\') + $sep + $c.TrimStart('/', '\')
            }
            if ($Resolve) { $result = Resolve-CompatPath $result }
            $result
        }
    }
}

function Split-Path {
    [CmdletBinding(DefaultParameterSetName = 'Parent')]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][string[]] $Path,
          [Parameter(ParameterSetName = 'Parent')][switch] $Parent,
          [Parameter(ParameterSetName = 'Leaf')][switch] $Leaf,
          [Parameter(ParameterSetName = 'LeafBase')][switch] $LeafBase,
          [Parameter(ParameterSetName = 'Extension')][switch] $Extension)
    process {
        foreach ($p in $Path) {
            $trimmed = if ($p.Length -gt 1) { $p.TrimEnd('/', '\') } else { $p }
            switch ($PSCmdlet.ParameterSetName) {
                'Leaf' { [System.IO.Path]::GetFileName($trimmed) }
                'LeafBase' { [System.IO.Path]::GetFileNameWithoutExtension($trimmed) }
                'Extension' { [System.IO.Path]::GetExtension($trimmed) }
                default { [System.IO.Path]::GetDirectoryName($trimmed) }
            }
        }
    }
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline)][Alias('LiteralPath')][string[]] $Path,
          [ValidateSet('Any', 'Container', 'Leaf')][string] $PathType = 'Any',
          [switch] $IsValid)
    process {
        foreach ($p in $Path) {
            if ([string]::IsNullOrEmpty($p)) { $false; continue }
            if ($p -match '^(function|variable|env|alias):') {
                $drive, $name = $p -split ':', 2
                $name = $name.TrimStart('\', '/')
                switch ($drive) {
                    'function' { [bool](Get-Command -Name $name -CommandType Function -ErrorAction Ignore) }
                    'variable' { $null -ne $PSCmdlet.SessionState.PSVariable.Get($name) }
                    'env' { $null -ne [Environment]::GetEnvironmentVariable($name) }
                    'alias' { [bool](Get-Command -Name $name -CommandType Alias -ErrorAction Ignore) }
                }
                continue
            }
            if ($IsValid) { $true; continue }
            $full = Resolve-CompatPath $p
            switch ($PathType) {
                'Leaf' { [System.IO.File]::Exists($full) }
                'Container' { [System.IO.Directory]::Exists($full) }
                default { [System.IO.File]::Exists($full) -or [System.IO.Directory]::Exists($full) }
            }
        }
    }
}

function Resolve-Path {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][Alias('LiteralPath')][string[]] $Path, [switch] $Relative)
    process {
        foreach ($p in $Path) {
            $full = [System.IO.Path]::GetFullPath((Resolve-CompatPath $p))
            if (-not ([System.IO.File]::Exists($full) -or [System.IO.Directory]::Exists($full))) {
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$p' because it does not exist."),
                    'PathNotFound', 'ObjectNotFound', $p))
                continue
            }
            if ($Relative) { $full = [System.IO.Path]::GetRelativePath($PWD.ProviderPath, $full) }
            $result = [psobject]::new($full)
            $result.PSObject.Properties.Add([psnoteproperty]::new('Path', $full))
            $result.PSObject.Properties.Add([psnoteproperty]::new('ProviderPath', $full))
            $result
        }
    }
}

function Get-Location { [CmdletBinding()] param() $PSCmdlet.SessionState.Path.CurrentLocation }
function Set-Location {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline)][Alias('LiteralPath')][string] $Path = '~', [switch] $PassThru)
    process {
        $loc = $PSCmdlet.SessionState.Path.SetLocation($Path)
        if ($PassThru) { $loc }
    }
}
$script:LocationStack = [System.Collections.Generic.Stack[string]]::new()
function Push-Location {
    [CmdletBinding()] param([Parameter(Position = 0)][Alias('LiteralPath')][string] $Path)
    $script:LocationStack.Push($PSCmdlet.SessionState.Path.CurrentLocation.Path)
    if ($Path) { $null = $PSCmdlet.SessionState.Path.SetLocation($Path) }
}
function Pop-Location {
    [CmdletBinding()] param()
    if ($script:LocationStack.Count -gt 0) { $null = $PSCmdlet.SessionState.Path.SetLocation($script:LocationStack.Pop()) }
}

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][Alias('LiteralPath')][string[]] $Path, [switch] $Force)
    process {
        foreach ($p in $Path) {
            $full = Resolve-CompatPath $p
            if ([System.IO.Directory]::Exists($full)) { [System.IO.DirectoryInfo]::new($full) }
            elseif ([System.IO.File]::Exists($full)) { [System.IO.FileInfo]::new($full) }
            else {
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$p' because it does not exist."),
                    'PathNotFound', 'ObjectNotFound', $p))
            }
        }
    }
}

function Get-ChildItem {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline)][Alias('LiteralPath')][string[]] $Path = '.',
          [Parameter(Position = 1)][string] $Filter = '*',
          [string[]] $Include, [switch] $Recurse, [switch] $File, [switch] $Directory, [switch] $Force, [switch] $Name)
    process {
        foreach ($p in $Path) {
            $full = Resolve-CompatPath $p
            $items = if ([System.IO.File]::Exists($full)) { @([System.IO.FileInfo]::new($full)) }
            elseif ([System.IO.Directory]::Exists($full)) {
                $option = if ($Recurse) { [System.IO.SearchOption]::AllDirectories } else { [System.IO.SearchOption]::TopDirectoryOnly }
                [System.IO.DirectoryInfo]::new($full).EnumerateFileSystemInfos($Filter, $option) | Sort-Object -Property FullName
            }
            else {
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$p' because it does not exist."),
                    'PathNotFound', 'ObjectNotFound', $p))
                continue
            }
            foreach ($i in $items) {
                if ($File -and $i -isnot [System.IO.FileInfo]) { continue }
                if ($Directory -and $i -isnot [System.IO.DirectoryInfo]) { continue }
                if ($Include -and -not ($Include | Where-Object { $i.Name -like $_ })) { continue }
                if ($Name) { $i.Name } else { $i }
            }
        }
    }
}

function Get-Content {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('LiteralPath', 'FullName')][string[]] $Path, [switch] $Raw, [int] $TotalCount = -1)
    process {
        foreach ($p in $Path) {
            $full = Resolve-CompatPath $p
            if ($Raw) { [System.IO.File]::ReadAllText($full) }
            else {
                $lines = [System.IO.File]::ReadAllLines($full)
                if ($TotalCount -ge 0) { $lines = $lines | Select-Object -First $TotalCount }
                $lines
            }
        }
    }
}

function Set-Content {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)][Alias('LiteralPath')][string] $Path,
          [Parameter(Position = 1, ValueFromPipeline)][AllowEmptyString()][AllowNull()][object[]] $Value, [switch] $NoNewline, $Encoding, [switch] $Force)
    begin { $lines = [System.Collections.Generic.List[string]]::new() }
    process { foreach ($v in $Value) { $lines.Add([string]$v) } }
    end {
        $full = Resolve-CompatPath $Path
        $text = if ($NoNewline) { $lines -join '' } else { ($lines | ForEach-Object { $_ + [Environment]::NewLine }) -join '' }
        if ($PSCmdlet.ShouldProcess($full, 'Set content')) { [System.IO.File]::WriteAllText($full, $text, [System.Text.UTF8Encoding]::new($false)) }
    }
}

function Add-Content {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][Alias('LiteralPath')][string] $Path, [Parameter(Position = 1, ValueFromPipeline)][object[]] $Value, $Encoding)
    process { foreach ($v in $Value) { [System.IO.File]::AppendAllText((Resolve-CompatPath $Path), [string]$v + [Environment]::NewLine) } }
}

function Out-File {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][Alias('LiteralPath')][string] $FilePath, [Parameter(ValueFromPipeline)] $InputObject, [switch] $Append, $Encoding, [switch] $NoNewline)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        $text = $items | Out-String
        $full = Resolve-CompatPath $FilePath
        if ($Append) { [System.IO.File]::AppendAllText($full, $text) } else { [System.IO.File]::WriteAllText($full, $text) }
    }
}

function New-Item {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)][string[]] $Path, [Alias('Type')][ValidateSet('File', 'Directory')][string] $ItemType = 'File',
          [Parameter(ValueFromPipeline)] $Value, [switch] $Force, [string] $Name)
    process {
        foreach ($p in $Path) {
            $full = Resolve-CompatPath $(if ($Name) { Join-Path $p $Name } else { $p })
            if (-not $PSCmdlet.ShouldProcess($full, "Create $ItemType")) { continue }
            if ($ItemType -eq 'Directory') { [System.IO.Directory]::CreateDirectory($full) }
            else {
                if ([System.IO.File]::Exists($full) -and -not $Force) {
                    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.IO.IOException]::new("The file '$full' already exists."), 'NewItemIOError', 'WriteError', $full))
                    continue
                }
                $dir = [System.IO.Path]::GetDirectoryName($full)
                if ($dir) { $null = [System.IO.Directory]::CreateDirectory($dir) }
                [System.IO.File]::WriteAllText($full, $(if ($null -ne $Value) { [string]$Value } else { '' }))
                [System.IO.FileInfo]::new($full)
            }
        }
    }
}

function Remove-Item {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('LiteralPath', 'FullName')][string[]] $Path, [switch] $Recurse, [switch] $Force)
    process {
        foreach ($p in $Path) {
            $full = Resolve-CompatPath $p
            if (-not $PSCmdlet.ShouldProcess($full, 'Remove')) { continue }
            if ([System.IO.Directory]::Exists($full)) { [System.IO.Directory]::Delete($full, [bool]$Recurse) }
            elseif ([System.IO.File]::Exists($full)) { [System.IO.File]::Delete($full) }
            else {
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$p' because it does not exist."),
                    'PathNotFound', 'ObjectNotFound', $p))
            }
        }
    }
}

function Copy-Item {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)][string[]] $Path, [Parameter(Position = 1)][string] $Destination, [switch] $Force, [switch] $Recurse)
    process {
        foreach ($p in $Path) {
            $src = Resolve-CompatPath $p
            $dst = Resolve-CompatPath $Destination
            if ([System.IO.Directory]::Exists($dst)) { $dst = Join-Path $dst ([System.IO.Path]::GetFileName($src)) }
            if ($PSCmdlet.ShouldProcess($src, "Copy to $dst")) { [System.IO.File]::Copy($src, $dst, [bool]$Force) }
        }
    }
}

function Out-String {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $InputObject, [switch] $Stream, [int] $Width)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        $data = $Host.PrivateData
        if ($null -ne $data -and $data.PSObject.Methods['BeginCapture']) {
            $data.BeginCapture()
            try { $items | Out-Host } finally { $text = $data.EndCapture() }
        }
        else {
            $text = (($items | ForEach-Object { "$_" }) -join [Environment]::NewLine) + [Environment]::NewLine
        }
        if ($Stream) { $text.TrimEnd() -split '\r?\n' } else { $text }
    }
}

function Format-Table {
    [CmdletBinding()]
    param([Parameter(Position = 0)][object[]] $Property, [Parameter(ValueFromPipeline)] $InputObject, [switch] $AutoSize, [switch] $HideTableHeaders, [switch] $Wrap)
    process { if ($Property) { $InputObject | Select-Object -Property $Property } else { $InputObject } }
}

function Format-List {
    [CmdletBinding()]
    param([Parameter(Position = 0)][object[]] $Property, [Parameter(ValueFromPipeline)] $InputObject)
    process {
        if ($null -eq $InputObject) { return }
        $props = @($InputObject.PSObject.Properties | Where-Object { -not $Property -or ($Property | Where-Object { $_ -is [string] } | Where-Object { $n = $_; $true } | Where-Object { $InputObject.PSObject.Properties.Name -like $n }) })
        if ($Property) { $props = @(foreach ($pat in $Property) { $InputObject.PSObject.Properties | Where-Object { $_.Name -like $pat } }) }
        if ($props.Count -eq 0) { return "$InputObject" }
        $w = ($props | ForEach-Object { $_.Name.Length } | Measure-Object -Maximum).Maximum
        ''
        foreach ($p in $props) {
            $v = try { $p.Value } catch { $null }
            '{0} : {1}' -f $p.Name.PadRight($w), $(if ($v -is [System.Collections.IEnumerable] -and $v -isnot [string]) { '{' + (@($v) -join ', ') + '}' } else { $v })
        }
    }
}

function Select-Object {
    [CmdletBinding()]
    param([Parameter(Position = 0)][object[]] $Property, [Parameter(ValueFromPipeline)] $InputObject,
          [string] $ExpandProperty, [int] $First = -1, [int] $Last = -1, [int] $Skip = 0, [switch] $Unique)
    begin { $all = [System.Collections.Generic.List[object]]::new() }
    process { $all.Add($InputObject) }
    end {
        $items = @($all)
        if ($Skip -gt 0) { $items = @($items | ForEach-Object -Begin { $i = 0 } -Process { if ($i++ -ge $Skip) { $_ } }) }
        if ($First -ge 0) { $items = @(if ($First -gt 0 -and $items.Count) { $items[0..([Math]::Min($First, $items.Count) - 1)] }) }
        if ($Last -ge 0) { $items = @(if ($Last -gt 0 -and $items.Count) { $items[([Math]::Max(0, $items.Count - $Last))..($items.Count - 1)] }) }
        if ($Unique) { $seen = [System.Collections.Generic.HashSet[string]]::new(); $items = @($items | Where-Object { $seen.Add("$_") }) }
        foreach ($item in $items) {
            if ($ExpandProperty) { $item.$ExpandProperty; continue }
            if (-not $Property) { $item; continue }
            $result = [ordered]@{}
            foreach ($p in $Property) {
                if ($p -is [System.Collections.IDictionary]) {
                    $n = if ($p.Contains('Name')) { $p['Name'] } else { $p['Label'] }
                    $e = $p['Expression']
                    $result[$n] = if ($e -is [scriptblock]) { $item | ForEach-Object $e } else { $item.$e }
                }
                else {
                    foreach ($prop in $item.PSObject.Properties) { if ($prop.Name -like $p) { $result[$prop.Name] = $prop.Value } }
                }
            }
            [pscustomobject]$result
        }
    }
}

function Sort-Object {
    [CmdletBinding()]
    param([Parameter(Position = 0)][object[]] $Property, [Parameter(ValueFromPipeline)] $InputObject, [switch] $Descending, [switch] $Unique)
    begin { $all = [System.Collections.Generic.List[object]]::new() }
    process { $all.Add($InputObject) }
    end {
        $key = {
            param($o)
            if (-not $Property) { return , $o }
            $p = $Property[0]
            if ($p -is [scriptblock]) { return , ($o | ForEach-Object $p) }
            return , $o.$p
        }
        $comparison = [Comparison[object]] {
            param($a, $b)
            $ka = & $key $a; $kb = & $key $b
            if ($null -eq $ka -and $null -eq $kb) { return 0 }
            if ($null -eq $ka) { return -1 }
            if ($null -eq $kb) { return 1 }
            if ($ka -is [string] -or $kb -is [string]) { return [string]::Compare([string]$ka, [string]$kb, [StringComparison]::OrdinalIgnoreCase) }
            return [System.Collections.Comparer]::DefaultInvariant.Compare($ka, $kb)
        }
        $all.Sort($comparison)
        if ($Descending) { $all.Reverse() }
        if ($Unique) { $seen = [System.Collections.Generic.HashSet[string]]::new(); $all | Where-Object { $seen.Add("$(& $key $_)") } }
        else { $all }
    }
}

function Measure-Object {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string] $Property, [Parameter(ValueFromPipeline)] $InputObject, [switch] $Sum, [switch] $Average, [switch] $Maximum, [switch] $Minimum)
    begin { $values = [System.Collections.Generic.List[object]]::new() }
    process { if ($null -ne $InputObject) { $values.Add($(if ($Property) { $InputObject.$Property } else { $InputObject })) } }
    end {
        $nums = @($values | Where-Object { $null -ne $_ } | ForEach-Object { [double]$_ })
        [pscustomobject]@{
            Count    = $values.Count
            Sum      = if ($Sum -or $Average) { ($nums | ForEach-Object -Begin { $s = 0.0 } -Process { $s += $_ } -End { $s }) } else { $null }
            Average  = if ($Average -and $nums.Count) { ($nums | ForEach-Object -Begin { $s = 0.0 } -Process { $s += $_ } -End { $s / $nums.Count }) } else { $null }
            Maximum  = if ($Maximum -and $nums.Count) { [System.Linq.Enumerable]::Max([double[]]$nums) } else { $null }
            Minimum  = if ($Minimum -and $nums.Count) { [System.Linq.Enumerable]::Min([double[]]$nums) } else { $null }
            Property = $Property
        }
    }
}

function New-Object {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $TypeName, [Parameter(Position = 1)][object[]] $ArgumentList, [System.Collections.IDictionary] $Property)
    if ($TypeName -in 'psobject', 'PSObject', 'System.Management.Automation.PSObject', 'pscustomobject') {
        $o = [pscustomobject]@{}
        if ($Property) { foreach ($k in $Property.Keys) { $o.PSObject.Properties.Add([psnoteproperty]::new($k, $Property[$k])) } }
        return $o
    }
    $type = $TypeName -as [type]
    if (-not $type) { throw "Cannot find type [$TypeName]: verify that the assembly containing this type is loaded." }
    $o = if ($ArgumentList) { [Activator]::CreateInstance($type, [object[]]$ArgumentList) } else { [Activator]::CreateInstance($type) }
    if ($Property) { foreach ($k in $Property.Keys) { $o.$k = $Property[$k] } }
    $o
}

function Add-Member {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $InputObject, [Parameter(Position = 0)][string] $MemberType = 'NoteProperty',
          [Parameter(Position = 1)][string] $Name, [Parameter(Position = 2)] $Value, [hashtable] $NotePropertyMembers,
          [string] $NotePropertyName, $NotePropertyValue, [switch] $PassThru, [switch] $Force)
    process {
        $members = [ordered]@{}
        if ($NotePropertyMembers) { foreach ($k in $NotePropertyMembers.Keys) { $members[$k] = $NotePropertyMembers[$k] } }
        if ($NotePropertyName) { $members[$NotePropertyName] = $NotePropertyValue }
        if ($Name) { $members[$Name] = $Value }
        foreach ($k in $members.Keys) {
            $v = $members[$k]
            if ($Force -and $InputObject.PSObject.Properties[$k]) { $InputObject.PSObject.Properties.Remove($k) }
            switch ($MemberType) {
                'ScriptMethod' { $InputObject.PSObject.Methods.Add([psscriptmethod]::new($k, $v)) }
                'ScriptProperty' { $InputObject.PSObject.Properties.Add([psscriptproperty]::new($k, $v)) }
                default { $InputObject.PSObject.Properties.Add([psnoteproperty]::new($k, $v)) }
            }
        }
        if ($PassThru) { $InputObject }
    }
}

function Get-Date {
    [CmdletBinding()]
    param([Parameter(Position = 0)][datetime] $Date = [datetime]::Now, [string] $Format, [switch] $AsUTC)
    if ($AsUTC) { $Date = $Date.ToUniversalTime() }
    if ($Format) { $Date.ToString($Format, [cultureinfo]::InvariantCulture) } else { $Date }
}

function Start-Sleep {
    [CmdletBinding(DefaultParameterSetName = 'Seconds')]
    param([Parameter(Position = 0, ParameterSetName = 'Seconds')][double] $Seconds, [Parameter(ParameterSetName = 'Milliseconds')][int] $Milliseconds)
    $ms = if ($PSCmdlet.ParameterSetName -eq 'Milliseconds') { $Milliseconds } else { [int]($Seconds * 1000) }
    [System.Threading.Thread]::Sleep($ms)
}

function Get-Variable {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string] $Name = '*', [switch] $ValueOnly, [string] $Scope)
    $v = $PSCmdlet.SessionState.PSVariable.Get($Name)
    if ($null -eq $v) {
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Management.Automation.ItemNotFoundException]::new("Cannot find a variable with the name '$Name'."), 'VariableNotFound', 'ObjectNotFound', $Name))
        return
    }
    if ($ValueOnly) { $v.Value } else { $v }
}

function Set-Variable {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $Name, [Parameter(Position = 1)] $Value, [string] $Scope)
    $target = if ($Scope) { "${Scope}:$Name" } else { $Name }
    $PSCmdlet.SessionState.PSVariable.Set($target, $Value)
}

function Remove-Variable {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string[]] $Name, [string] $Scope)
    foreach ($n in $Name) { try { $PSCmdlet.SessionState.PSVariable.Remove($n) } catch { } }
}

function Invoke-Expression {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][string] $Command)
    process { $PSCmdlet.SessionState.InvokeCommand.InvokeScript($PSCmdlet.SessionState, [scriptblock]::Create($Command)) }
}

function ConvertTo-Json {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowNull()] $InputObject, [int] $Depth = 2, [switch] $Compress)
    process {
        $options = [System.Text.Json.JsonSerializerOptions]::new()
        $options.WriteIndented = -not $Compress
        $value = if ($InputObject -is [psobject] -and $InputObject.BaseObject -is [System.Management.Automation.PSCustomObject]) {
            $h = [ordered]@{}; foreach ($p in $InputObject.PSObject.Properties) { $h[$p.Name] = $p.Value }; $h
        } else { $InputObject }
        [System.Text.Json.JsonSerializer]::Serialize($value, $options)
    }
}

Export-ModuleMember -Function * -Variable @()
