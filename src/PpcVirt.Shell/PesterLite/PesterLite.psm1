# PesterLite: a small Pester 5 subset for hosts where the real Pester module is not installed
# (ppcvirt imports it only then). Supported: Describe/Context nesting (-Tag ignored), It with
# -ForEach/-TestCases and <name> expansion, -Skip; BeforeAll/AfterAll/BeforeEach/AfterEach;
# Should with -Be -BeExactly -BeTrue -BeFalse -BeNullOrEmpty -Throw -BeOfType -HaveCount -Contain
# -Match -MatchExactly -BeLike -BeLikeExactly -BeGreaterThan -BeLessThan -BeGreaterOrEqual
# -BeLessOrEqual -BeIn, each with -Not; Invoke-Pester [-Path] [-PassThru] [-Output] [-CI].
# Test files are discovered (Describe/Context bodies run) and then run block by block: each block
# gets a scope whose BeforeAll variables its tests and nested blocks see, as in Pester 5.

# Test files run in this module's session state with their own script scope, so `$script:` would
# not reach this module's variables from inside them: the run state lives in AppDomain data instead.
function Get-PesterLiteState { [System.AppDomain]::CurrentDomain.GetData('PesterLite.State') }
function Set-PesterLiteState($State) { [System.AppDomain]::CurrentDomain.SetData('PesterLite.State', $State) }

function New-PesterLiteBlock([string] $Kind, [string] $Name, $Parent, [bool] $Skip) {
    [pscustomobject]@{
        Kind       = $Kind
        Name       = $Name
        Parent     = $Parent
        Skip       = $Skip
        Blocks     = [System.Collections.Generic.List[object]]::new()
        Tests      = [System.Collections.Generic.List[object]]::new()
        Items      = [System.Collections.Generic.List[object]]::new()
        BeforeAll  = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll   = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach  = [System.Collections.Generic.List[scriptblock]]::new()
        Depth      = if ($Parent) { $Parent.Depth + 1 } else { 0 }
    }
}

function Get-PesterLiteCurrentBlock([string] $Command) {
    if ($null -eq (Get-PesterLiteState) -or $null -eq (Get-PesterLiteState).Current) {
        throw "$Command must be called inside a test file run by Invoke-Pester."
    }
    (Get-PesterLiteState).Current
}

function Describe {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $Name,
          [Parameter(Position = 1)][scriptblock] $Fixture,
          [Alias('Tags')][string[]] $Tag, [switch] $Skip, [object[]] $ForEach)
    Add-PesterLiteBlock -Kind 'Describe' -Name $Name -Fixture $Fixture -Skip $Skip
}

function Context {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $Name,
          [Parameter(Position = 1)][scriptblock] $Fixture,
          [Alias('Tags')][string[]] $Tag, [switch] $Skip, [object[]] $ForEach)
    Add-PesterLiteBlock -Kind 'Context' -Name $Name -Fixture $Fixture -Skip $Skip
}

function Add-PesterLiteBlock([string] $Kind, [string] $Name, [scriptblock] $Fixture, [bool] $Skip) {
    $parent = Get-PesterLiteCurrentBlock $Kind
    $block = New-PesterLiteBlock -Kind $Kind -Name $Name -Parent $parent -Skip ($Skip -or $parent.Skip)
    $parent.Blocks.Add($block)
    $parent.Items.Add($block)
    (Get-PesterLiteState).Current = $block
    try {
        if ($Fixture) { $null = & $Fixture }
    }
    finally {
        (Get-PesterLiteState).Current = $parent
    }
}

function Expand-PesterLiteName([string] $Name, $Data) {
    [regex]::Replace($Name, '<([^>]+)>', {
            param($m)
            $key = $m.Groups[1].Value
            if ($key -eq '_') { return "$Data" }
            $value = $null
            if ($Data -is [System.Collections.IDictionary]) {
                if ($Data.Contains($key)) { $value = $Data[$key] } else { return $m.Value }
            }
            elseif ($null -ne $Data -and $Data.PSObject.Properties[$key]) { $value = $Data.$key }
            else { return $m.Value }
            if ($null -eq $value) { return '$null' }
            return "$value"
        })
}

function It {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $Name,
          [Parameter(Position = 1)][scriptblock] $Test,
          [Alias('TestCases')][object[]] $ForEach,
          [Alias('Tags')][string[]] $Tag, [switch] $Skip, [switch] $Pending)
    $block = Get-PesterLiteCurrentBlock 'It'
    $dataDriven = $PSBoundParameters.ContainsKey('ForEach')
    $cases = [System.Collections.Generic.List[object]]::new()
    if ($dataDriven) { foreach ($c in $ForEach) { $cases.Add($c) } } else { $cases.Add($null) }
    foreach ($case in $cases) {
        $info = [pscustomobject]@{
            PSTypeName   = 'PesterLite.Test'
            Name         = if ($dataDriven) { Expand-PesterLiteName $Name $case } else { $Name }
            ExpandedPath = $null
            Body         = $Test
            Data         = $case
            HasData      = $dataDriven
            Skip         = $Skip -or $Pending -or $block.Skip -or ($null -eq $Test)
            Block        = $block
            Result       = 'NotRun'
            Passed       = $false
            ErrorRecord  = $null
            Duration     = [timespan]::Zero
        }
        $names = [System.Collections.Generic.List[string]]::new()
        for ($b = $block; $b -and $b.Kind -ne 'File'; $b = $b.Parent) { $names.Insert(0, $b.Name) }
        $names.Add($info.Name)
        $info.ExpandedPath = $names -join '.'
        $block.Tests.Add($info)
        $block.Items.Add($info)
    }
}

function BeforeAll { param([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) (Get-PesterLiteCurrentBlock 'BeforeAll').BeforeAll.Add($Scriptblock) }
function AfterAll { param([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) (Get-PesterLiteCurrentBlock 'AfterAll').AfterAll.Add($Scriptblock) }
function BeforeEach { param([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) (Get-PesterLiteCurrentBlock 'BeforeEach').BeforeEach.Add($Scriptblock) }
function AfterEach { param([Parameter(Mandatory, Position = 0)][scriptblock] $Scriptblock) (Get-PesterLiteCurrentBlock 'AfterEach').AfterEach.Add($Scriptblock) }

function Set-ItResult {
    [CmdletBinding()]
    param([Parameter(Mandatory, ParameterSetName = 'Skipped')][switch] $Skipped,
          [Parameter(Mandatory, ParameterSetName = 'Pending')][switch] $Pending,
          [Parameter(Mandatory, ParameterSetName = 'Inconclusive')][switch] $Inconclusive,
          [string] $Because)
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [Exception]::new("is skipped$(if ($Because) { ", because $Because" })"), 'PesterLite.Skipped', 'OperationStopped', $null))
}

# ---------------------------------------------------------------- Should

function Format-PesterLiteValue($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [bool]) { return "`$$($Value.ToString().ToLowerInvariant())" }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [type]) { return "[$($Value.FullName -replace '^System\.', '')]" }
    if ($Value -is [scriptblock]) { return "{$Value}" }
    if ($Value -is [System.Collections.IDictionary]) { return '@{' + (($Value.Keys | ForEach-Object { "$_=$(Format-PesterLiteValue $Value[$_])" }) -join '; ') + '}' }
    if ($Value -is [System.Collections.IEnumerable]) { return '@(' + ((@($Value) | ForEach-Object { Format-PesterLiteValue $_ }) -join ', ') + ')' }
    if ($Value -is [double] -or $Value -is [single] -or $Value -is [decimal]) { return $Value.ToString([cultureinfo]::InvariantCulture) }
    return "$Value"
}

function Test-PesterLiteEqual($Actual, $Expected, [bool] $CaseSensitive) {
    $actualIsList = $Actual -is [System.Collections.IEnumerable] -and $Actual -isnot [string] -and $Actual -isnot [System.Collections.IDictionary]
    $expectedIsList = $Expected -is [System.Collections.IEnumerable] -and $Expected -isnot [string] -and $Expected -isnot [System.Collections.IDictionary]
    if ($actualIsList -or $expectedIsList) {
        $a = @($Actual); $e = @($Expected)
        if ($a.Count -ne $e.Count) { return $false }
        for ($i = 0; $i -lt $a.Count; $i++) { if (-not (Test-PesterLiteEqual $a[$i] $e[$i] $CaseSensitive)) { return $false } }
        return $true
    }
    if ($null -eq $Actual -or $null -eq $Expected) { return $null -eq $Actual -and $null -eq $Expected }
    if ($CaseSensitive) { return [bool]($Actual -ceq $Expected) }
    return [bool]($Actual -eq $Expected)
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)][AllowNull()][AllowEmptyCollection()] $ActualValue,
        [Parameter(Position = 0)][AllowNull()] $ExpectedValue,
        [switch] $Not,
        [switch] $Be, [switch] $BeExactly, [switch] $BeTrue, [switch] $BeFalse, [switch] $BeNullOrEmpty,
        [switch] $Throw, [switch] $BeOfType, [switch] $HaveCount, [switch] $Contain, [switch] $Match,
        [switch] $MatchExactly, [switch] $BeLike, [switch] $BeLikeExactly, [switch] $BeGreaterThan,
        [switch] $BeLessThan, [switch] $BeGreaterOrEqual, [switch] $BeLessOrEqual, [switch] $BeIn,
        [string] $ExpectedMessage, [string] $ErrorId, [type] $ExceptionType, $ExpectedType,
        [string] $RegularExpression, [string] $Because, [switch] $PassThru
    )
    begin {
        $items = [System.Collections.Generic.List[object]]::new()
        $piped = $false
    }
    process {
        if ($MyInvocation.ExpectingInput) { $piped = $true; $items.Add($ActualValue) }
    }
    end {
        $actual = if ($piped) { if ($items.Count -eq 1) { $items[0] } else { , $items.ToArray() } } else { $ActualValue }
        $because = if ($Because) { " because $Because" } else { '' }
        $n = [bool]$Not
        $ok = $true
        $message = $null
        $operators = @('Be', 'BeExactly', 'BeTrue', 'BeFalse', 'BeNullOrEmpty', 'Throw', 'BeOfType', 'HaveCount', 'Contain', 'Match', 'MatchExactly', 'BeLike', 'BeLikeExactly', 'BeGreaterThan', 'BeLessThan', 'BeGreaterOrEqual', 'BeLessOrEqual', 'BeIn') |
            Where-Object { $PSBoundParameters.ContainsKey($_) }
        if (@($operators).Count -ne 1) { throw "Should needs exactly one operator (e.g. -Be, -Throw); got: $(@($operators) -join ', ')." }
        $fa = Format-PesterLiteValue $actual
        $fe = Format-PesterLiteValue $ExpectedValue
        switch ($operators) {
            'Be' {
                $ok = (Test-PesterLiteEqual $actual $ExpectedValue $false) -ne $n
                $message = if ($n) { "Expected $fe to be different from the actual value,$because but got the same value." } else { "Expected $fe,$because but got $fa." }
            }
            'BeExactly' {
                $ok = (Test-PesterLiteEqual $actual $ExpectedValue $true) -ne $n
                $message = if ($n) { "Expected $fe to be different from the actual value,$because but got exactly the same value." } else { "Expected exactly $fe,$because but got $fa." }
            }
            'BeTrue' { $ok = [bool]$actual -ne $n; $message = if ($n) { "Expected `$false,$because but got $fa." } else { "Expected `$true,$because but got $fa." } }
            'BeFalse' { $ok = (-not [bool]$actual) -ne $n; $message = if ($n) { "Expected `$true,$because but got $fa." } else { "Expected `$false,$because but got $fa." } }
            'BeNullOrEmpty' {
                $empty = $null -eq $actual -or ($actual -is [string] -and $actual.Length -eq 0) -or ($actual -is [System.Collections.ICollection] -and $actual.Count -eq 0) -or (($actual -is [System.Collections.IEnumerable]) -and $actual -isnot [string] -and @($actual).Count -eq 0)
                $ok = $empty -ne $n
                $message = if ($n) { "Expected a value,$because but got `$null or empty." } else { "Expected `$null or empty,$because but got $fa." }
            }
            'BeOfType' {
                $type = if ($null -ne $ExpectedType) { $ExpectedType } else { $ExpectedValue }
                if ($type -is [string]) { $type = $type.Trim().TrimStart('[').TrimEnd(']') -as [type] }
                $ok = ($actual -is $type) -ne $n
                $tn = if ($null -ne $actual) { Format-PesterLiteValue $actual.GetType() } else { '$null' }
                $message = if ($n) { "Expected the value to not have type $(Format-PesterLiteValue $type) or any of its subtypes,$because but got $fa with type $tn." } else { "Expected the value to have type $(Format-PesterLiteValue $type) or any of its subtypes,$because but got $fa with type $tn." }
            }
            'HaveCount' {
                $count = if ($null -eq $actual) { 0 } else { @($actual).Count }
                $ok = ($count -eq [int]$ExpectedValue) -ne $n
                $message = if ($n) { "Expected a collection with size different from $ExpectedValue,$because but got collection with that size $fa." } else { "Expected a collection with size $ExpectedValue,$because but got collection with size $count $fa." }
            }
            'Contain' {
                $found = @($actual) -contains $ExpectedValue
                $ok = $found -ne $n
                $message = if ($n) { "Expected $fe to not be found in collection $fa,$because but it was found." } else { "Expected $fe to be found in collection $fa,$because but it was not found." }
            }
            'BeIn' {
                $found = @($ExpectedValue) -contains $actual
                $ok = $found -ne $n
                $message = if ($n) { "Expected collection $fe to not contain $fa,$because but it was found." } else { "Expected collection $fe to contain $fa,$because but it was not found." }
            }
            { $_ -in 'Match', 'MatchExactly' } {
                $rx = if ($RegularExpression) { $RegularExpression } else { [string]$ExpectedValue }
                $m = if ($_ -eq 'Match') { [bool]($actual -match $rx) } else { [bool]($actual -cmatch $rx) }
                $ok = $m -ne $n
                $exact = if ($_ -eq 'MatchExactly') { ' exactly' } else { '' }
                $message = if ($n) { "Expected regular expression '$rx' to not match$exact $fa,$because but it did match." } else { "Expected regular expression '$rx' to match$exact $fa,$because but it did not match." }
            }
            { $_ -in 'BeLike', 'BeLikeExactly' } {
                $m = if ($_ -eq 'BeLike') { [bool]($actual -like $ExpectedValue) } else { [bool]($actual -clike $ExpectedValue) }
                $ok = $m -ne $n
                $message = if ($n) { "Expected like wildcard $fe to not match $fa,$because but it did match." } else { "Expected like wildcard $fe to match $fa,$because but it did not match." }
            }
            'BeGreaterThan' { $ok = ($actual -gt $ExpectedValue) -ne $n; $message = if ($n) { "Expected the actual value to be less than or equal to $fe,$because but got $fa." } else { "Expected the actual value to be greater than $fe,$because but got $fa." } }
            'BeLessThan' { $ok = ($actual -lt $ExpectedValue) -ne $n; $message = if ($n) { "Expected the actual value to be greater than or equal to $fe,$because but got $fa." } else { "Expected the actual value to be less than $fe,$because but got $fa." } }
            'BeGreaterOrEqual' { $ok = ($actual -ge $ExpectedValue) -ne $n; $message = if ($n) { "Expected the actual value to be less than $fe,$because but got $fa." } else { "Expected the actual value to be greater than or equal to $fe,$because but got $fa." } }
            'BeLessOrEqual' { $ok = ($actual -le $ExpectedValue) -ne $n; $message = if ($n) { "Expected the actual value to be greater than $fe,$because but got $fa." } else { "Expected the actual value to be less than or equal to $fe,$because but got $fa." } }
            'Throw' {
                if ($actual -isnot [scriptblock]) { throw [ArgumentException]::new("Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be enclosed in curly braces.") }
                $thrown = $null
                try { $null = & $actual } catch { $thrown = $_ }
                if ($n) {
                    $ok = $null -eq $thrown
                    if (-not $ok) { $message = "Expected no exception to be thrown,$because but an exception `"$($thrown.Exception.Message)`" was thrown." }
                }
                else {
                    $expectedMsg = if ($ExpectedMessage) { $ExpectedMessage } elseif ($null -ne $ExpectedValue) { [string]$ExpectedValue } else { $null }
                    $filters = @(); $buts = @()
                    if ($ExceptionType) {
                        $filters += "type $(Format-PesterLiteValue $ExceptionType)"
                        if ($thrown -and $thrown.Exception -isnot $ExceptionType) { $buts += "the exception type was $(Format-PesterLiteValue $thrown.Exception.GetType())" }
                    }
                    if ($expectedMsg) {
                        $filters += "message like '$expectedMsg'"
                        if ($thrown -and -not ($thrown.Exception.Message -like $expectedMsg)) { $buts += "the message was '$($thrown.Exception.Message)'" }
                    }
                    if ($ErrorId) {
                        # FullyQualifiedErrorId is 'Id,Command': accept the id alone (prefix) or a wildcard.
                        $filters += "FullyQualifiedErrorId '$ErrorId'"
                        $fq = if ($thrown) { [string]$thrown.FullyQualifiedErrorId } else { '' }
                        if ($thrown -and -not ($fq -like $ErrorId -or $fq -like "$ErrorId*")) { $buts += "the FullyQualifiedErrorId was '$fq'" }
                    }
                    if (-not $thrown) { $buts += 'no exception was thrown' }
                    $ok = $buts.Count -eq 0
                    if (-not $ok) {
                        $filter = if ($filters) { ' with ' + ($filters -join ' and ') } else { '' }
                        $message = "Expected an exception$filter to be thrown,$because but $($buts -join ' and ')."
                    }
                    elseif ($PassThru) { return $thrown }
                }
            }
        }
        if (-not $ok) {
            $record = [System.Management.Automation.ErrorRecord]::new([Exception]::new($message), 'PesterAssertionFailed', 'InvalidResult', $actual)
            $PSCmdlet.ThrowTerminatingError($record)
        }
    }
}

# ---------------------------------------------------------------- running

function Write-PesterLiteLine([string] $Text, [ConsoleColor] $Color = [ConsoleColor]::Gray) {
    if ($null -ne $Host.UI) {
        try { $Host.UI.WriteLine($Color, $Host.UI.RawUI.BackgroundColor, $Text) } catch { $Host.UI.WriteLine($Text) }
    }
}

function Get-PesterLiteEachChain($Block, [string] $Kind) {
    $chain = [System.Collections.Generic.List[scriptblock]]::new()
    for ($b = $Block; $b; $b = $b.Parent) {
        $list = $b.$Kind
        if ($Kind -eq 'BeforeEach') { for ($i = $list.Count - 1; $i -ge 0; $i--) { $chain.Insert(0, $list[$i]) } }
        else { foreach ($sb in $list) { $chain.Add($sb) } }
    }
    , $chain
}

function Get-PesterLiteTests($Block) {
    foreach ($t in $Block.Tests) { $t }
    foreach ($b in $Block.Blocks) { Get-PesterLiteTests $b }
}

function Complete-PesterLiteTest($Test, [string] $Result, $ErrorRecord, [timespan] $Duration) {
    $Test.Result = $Result
    $Test.Passed = $Result -eq 'Passed'
    $Test.ErrorRecord = $ErrorRecord
    $Test.Duration = $Duration
    $indent = '  ' * ($Test.Block.Depth + 1)
    $ms = [int]$Duration.TotalMilliseconds
    $state = Get-PesterLiteState
    switch ($Result) {
        'Passed' { if ($state.Detailed) { Write-PesterLiteLine "$indent[+] $($Test.Name) ${ms}ms" Green } }
        'Skipped' { if ($state.Detailed) { Write-PesterLiteLine "$indent[!] $($Test.Name) $(if ($ErrorRecord) { $ErrorRecord.Exception.Message } else { 'is skipped' })" Yellow } }
        'Failed' {
            Write-PesterLiteLine "$indent[-] $($Test.Name) ${ms}ms" Red
            $msg = if ($ErrorRecord) { $ErrorRecord.Exception.Message } else { 'failed' }
            foreach ($line in ($msg -split '\r?\n')) { Write-PesterLiteLine "$indent $line" Red }
            if ($ErrorRecord -and $ErrorRecord.InvocationInfo -and $ErrorRecord.InvocationInfo.ScriptName) {
                Write-PesterLiteLine "$indent at $($ErrorRecord.InvocationInfo.ScriptName):$($ErrorRecord.InvocationInfo.ScriptLineNumber)" Red
            }
        }
    }
}

# Runs one block in a new scope: BeforeAll dot-sourced into it, tests and nested blocks in child scopes.
$script:PesterLiteRunBlock = {
    param($__plBlock, $__plRunBlock)
    if ($__plBlock.Kind -ne 'File' -and (Get-PesterLiteState).Detailed) {
        Write-PesterLiteLine "$('  ' * $__plBlock.Depth)$($__plBlock.Kind) $($__plBlock.Name)" Cyan
    }
    $__plSetupError = $null
    $__plAnyToRun = @(Get-PesterLiteTests $__plBlock | Where-Object { -not $_.Skip }).Count -gt 0
    if ($__plAnyToRun) {
        try { foreach ($__plSb in $__plBlock.BeforeAll) { . $__plSb } }
        catch { $__plSetupError = $_ }
    }
    foreach ($__plItem in @($__plBlock.Items)) {
        if ($__plItem.PSObject.Properties['Body']) {
            $__plTest = $__plItem
            if ($__plTest.Skip) { Complete-PesterLiteTest $__plTest 'Skipped' $null ([timespan]::Zero); continue }
            if ($__plSetupError) { Complete-PesterLiteTest $__plTest 'Failed' $__plSetupError ([timespan]::Zero); continue }
            $__plWatch = [System.Diagnostics.Stopwatch]::StartNew()
            $__plError = & {
                param($__plTest)
                $__plFailure = $null
                try {
                    foreach ($__plSb in (Get-PesterLiteEachChain $__plTest.Block 'BeforeEach')) { . $__plSb }
                    $__plVars = [System.Collections.Generic.List[psvariable]]::new()
                    if ($__plTest.HasData) {
                        $__plVars.Add([psvariable]::new('_', $__plTest.Data))
                        if ($__plTest.Data -is [System.Collections.IDictionary]) {
                            foreach ($__plKey in $__plTest.Data.Keys) { $__plVars.Add([psvariable]::new([string]$__plKey, $__plTest.Data[$__plKey])) }
                        }
                    }
                    $null = $__plTest.Body.InvokeWithContext($null, $__plVars)
                }
                catch { $__plFailure = $_ }
                try { foreach ($__plSb in (Get-PesterLiteEachChain $__plTest.Block 'AfterEach')) { . $__plSb } }
                catch { if (-not $__plFailure) { $__plFailure = $_ } }
                if ($__plFailure) {
                    if ($__plFailure.Exception -is [System.Management.Automation.MethodInvocationException] -and $__plFailure.Exception.InnerException -is [System.Management.Automation.RuntimeException]) {
                        $__plFailure = $__plFailure.Exception.InnerException.ErrorRecord
                    }
                    , $__plFailure
                }
            } $__plTest
            $__plWatch.Stop()
            if ($__plError -and $__plError.FullyQualifiedErrorId -like 'PesterLite.Skipped*') { Complete-PesterLiteTest $__plTest 'Skipped' $__plError $__plWatch.Elapsed }
            elseif ($__plError) { Complete-PesterLiteTest $__plTest 'Failed' $__plError $__plWatch.Elapsed }
            else { Complete-PesterLiteTest $__plTest 'Passed' $null $__plWatch.Elapsed }
        }
        else {
            if ($__plSetupError) {
                foreach ($__plT in (Get-PesterLiteTests $__plItem)) { Complete-PesterLiteTest $__plT 'Failed' $__plSetupError ([timespan]::Zero) }
                continue
            }
            & $__plRunBlock $__plItem $__plRunBlock
        }
    }
    if ($__plAnyToRun) {
        try { foreach ($__plSb in $__plBlock.AfterAll) { . $__plSb } }
        catch { Write-PesterLiteLine "  AfterAll in $($__plBlock.Name) failed: $($_.Exception.Message)" Red; (Get-PesterLiteState).FailedBlocks++ }
    }
}

function Invoke-Pester {
    [CmdletBinding()]
    param([Parameter(Position = 0)][Alias('Script')][string[]] $Path = '.',
          [switch] $PassThru,
          [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic', 'Minimal')][string] $Output = 'Detailed',
          [switch] $CI,
          [string[]] $TagFilter, [string[]] $ExcludeTagFilter, [string[]] $FullNameFilter, $Configuration)

    $files = [System.Collections.Generic.List[string]]::new()
    foreach ($p in $Path) {
        $full = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)
        if ([System.IO.Directory]::Exists($full)) {
            foreach ($f in ([System.IO.Directory]::GetFiles($full, '*.Tests.ps1', [System.IO.SearchOption]::AllDirectories) | Sort-Object)) { $files.Add($f) }
        }
        elseif ([System.IO.File]::Exists($full)) { $files.Add($full) }
        else { $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.IO.FileNotFoundException]::new("No test file or folder at '$p'."), 'PesterLite.PathNotFound', 'ObjectNotFound', $p)) }
    }

    $previous = Get-PesterLiteState
    $state = [pscustomobject]@{ Current = $null; Detailed = $Output -in 'Detailed', 'Diagnostic'; FailedBlocks = 0 }
    Set-PesterLiteState $state
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $roots = [System.Collections.Generic.List[object]]::new()
    try {
        Write-PesterLiteLine "Starting discovery in $($files.Count) files." 
        foreach ($file in $files) {
            $root = New-PesterLiteBlock -Kind 'File' -Name $file -Parent $null -Skip $false
            $root.Depth = 0
            $state.Current = $root
            try {
                $null = & $file
                $roots.Add($root)
            }
            catch {
                Write-PesterLiteLine "[-] Discovery in $file failed with:" Red
                Write-PesterLiteLine "    $($_.Exception.Message)" Red
                if ($_.InvocationInfo) { Write-PesterLiteLine "    at $($_.InvocationInfo.ScriptName):$($_.InvocationInfo.ScriptLineNumber)" Red }
                $state.FailedBlocks++
            }
            finally { $state.Current = $null }
        }
        foreach ($root in $roots) {
            if ($state.Detailed) { Write-PesterLiteLine "Running tests from '$($root.Name)'" Magenta }
            & $script:PesterLiteRunBlock $root $script:PesterLiteRunBlock
        }
    }
    finally {
        Set-PesterLiteState $previous
    }
    $watch.Stop()

    $tests = @(foreach ($r in $roots) { Get-PesterLiteTests $r })
    $passed = @($tests | Where-Object { $_.Result -eq 'Passed' })
    $failed = @($tests | Where-Object { $_.Result -eq 'Failed' })
    $skipped = @($tests | Where-Object { $_.Result -eq 'Skipped' })
    $failedCount = $failed.Count + $state.FailedBlocks
    $color = if ($failedCount) { [ConsoleColor]::Red } else { [ConsoleColor]::Green }
    Write-PesterLiteLine ("Tests completed in {0:N2}s" -f $watch.Elapsed.TotalSeconds)
    Write-PesterLiteLine "Tests completed: $($passed.Count) passed, $failedCount failed, $($skipped.Count) skipped" $color
    Write-PesterLiteLine "$($passed.Count) passed, $failedCount failed" $color

    $result = [pscustomobject]@{
        PSTypeName            = 'PesterLite.Run'
        Result                = if ($failedCount) { 'Failed' } else { 'Passed' }
        TotalCount            = $tests.Count
        PassedCount           = $passed.Count
        FailedCount           = $failedCount
        SkippedCount          = $skipped.Count
        NotRunCount           = 0
        FailedBlocksCount     = $state.FailedBlocks
        FailedContainersCount = $state.FailedBlocks
        Tests                 = $tests
        Passed                = $passed
        Failed                = $failed
        Skipped               = $skipped
        Duration              = $watch.Elapsed
        Containers            = @($files)
    }
    if ($CI -and $failedCount -gt 0) {
        $global:LASTEXITCODE = 1
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                [Exception]::new("$failedCount test(s) failed."), 'PesterLite.TestsFailed', 'InvalidResult', $result))
    }
    if ($PassThru) { $result }
}

Export-ModuleMember -Function Invoke-Pester, Describe, Context, It, BeforeAll, AfterAll, BeforeEach, AfterEach, Should, Set-ItResult
