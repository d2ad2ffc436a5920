using PpcVirt.Engine.Profiles;

namespace PpcVirt.PowerShell;

/// <summary>What <c>Test-PpcVmProfile -Detailed</c> found for one profile file.</summary>
public sealed class PpcProfileTestResult
{
    internal PpcProfileTestResult(string path, MachineProfile? profile, ProfileException? problem, string? errorId)
    {
        Path = path;
        Profile = profile;
        Line = problem?.Line ?? 0;
        Column = problem?.Column ?? 0;
        Reason = problem?.Reason;
        Message = problem?.Message;
        ErrorId = errorId;
    }

    /// <summary>The absolute path tested.</summary>
    public string Path { get; }

    /// <summary>True when <c>New-PpcVm -Profile</c> would accept the file.</summary>
    public bool IsValid => ErrorId is null;

    /// <summary>1-based line of the problem (0: none, or no position, e.g. file not found).</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem (0: none or no position).</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location; null when valid.</summary>
    public string? Reason { get; }

    /// <summary>The error message New-PpcVm would give, <c>path:line:column: reason</c>; null when valid.</summary>
    public string? Message { get; }

    /// <summary>The error id New-PpcVm would give (<c>PpcVirt.InvalidProfile</c>, <c>PpcVirt.ProfileNotFound</c>, <c>PpcVirt.KernelNotFound</c>, <c>PpcVirt.InvalidKernelImage</c>); null when valid.</summary>
    public string? ErrorId { get; }

    /// <summary>The parsed profile (also when only the kernel check failed), or null.</summary>
    public MachineProfile? Profile { get; }

    /// <inheritdoc/>
    public override string ToString() => Message ?? $"{Path}: valid";
}
