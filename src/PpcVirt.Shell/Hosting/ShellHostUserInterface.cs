using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace PpcVirt.Shell.Hosting;

/// <summary>ppcvirt's host UI: plain text (no colours) to stdout/stderr, ReadLine from stdin, no prompting.</summary>
public sealed partial class ShellHostUserInterface : PSHostUserInterface
{
    private readonly object _gate = new();
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly TextReader _input;
    private readonly ShellRawUserInterface _rawUI = new();

    internal ShellHostUserInterface(TextWriter output, TextWriter error, TextReader input)
    {
        _output = output;
        _error = error;
        _input = input;
    }

    /// <inheritdoc/>
    public override PSHostRawUserInterface RawUI => _rawUI;

    /// <summary>True once anything was written to the error writer.</summary>
    public bool WroteErrors { get; private set; }

    /// <inheritdoc/>
    public override void Write(string value) => WriteOut(value);

    /// <inheritdoc/>
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => WriteOut(value);

    /// <inheritdoc/>
    public override void WriteLine(string value) => WriteOut(value + Environment.NewLine);

    /// <inheritdoc/>
    public override void WriteErrorLine(string value)
    {
        lock (_gate)
        {
            WroteErrors = true;
            _error.WriteLine(value);
            _error.Flush();
        }
    }

    /// <inheritdoc/>
    public override void WriteDebugLine(string message) => WriteOut($"DEBUG: {message}{Environment.NewLine}");

    /// <inheritdoc/>
    public override void WriteVerboseLine(string message) => WriteOut($"VERBOSE: {message}{Environment.NewLine}");

    /// <inheritdoc/>
    public override void WriteWarningLine(string message) => WriteOut($"WARNING: {message}{Environment.NewLine}");

    /// <inheritdoc/>
    public override void WriteInformation(InformationRecord record)
    {
        // Write-Host output arrives here as HostInformationMessage; the console host prints it.
        if (record?.MessageData is HostInformationMessage message)
        {
            WriteOut(message.NoNewLine == true ? message.Message : message.Message + Environment.NewLine);
        }
    }

    /// <inheritdoc/>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    /// <inheritdoc/>
    public override string ReadLine() => _input.ReadLine() ?? string.Empty;

    /// <inheritdoc/>
    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("ppcvirt cannot read secure strings.");

    /// <inheritdoc/>
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("ppcvirt does not prompt; pass the values as parameters.");

    /// <inheritdoc/>
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new NotSupportedException("ppcvirt does not prompt for choices; use -Confirm:$false or -WhatIf.");

    /// <inheritdoc/>
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("ppcvirt does not prompt for credentials.");

    /// <inheritdoc/>
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("ppcvirt does not prompt for credentials.");

    /// <summary>
    /// True when output goes to a file or pipe (or NO_COLOR is set): ANSI styling that the formatter
    /// adds to table and list headers is removed, as pwsh does with $PSStyle.OutputRendering PlainText.
    /// </summary>
    public bool PlainText { get; set; }

    [System.Text.RegularExpressions.GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscape();

    private void WriteOut(string value)
    {
        if (PlainText && value.Contains('\x1b', StringComparison.Ordinal))
        {
            value = AnsiEscape().Replace(value, string.Empty);
        }

        lock (_gate)
        {
            _output.Write(value);
            _output.Flush();
        }
    }
}
