namespace PpcVirt.PowerShell;

/// <summary>A refusal by the PowerShell module itself (not by the engine); carried in ErrorRecords.</summary>
public sealed class PpcVirtException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PpcVirtException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PpcVirtException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public PpcVirtException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
