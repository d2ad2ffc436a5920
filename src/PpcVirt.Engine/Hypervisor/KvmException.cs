namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// A refused hypervisor request. Carries the errno the equivalent KVM ioctl returns
/// (Documentation/virt/kvm/api.rst) and a readable message; the object the request was
/// made on is left unchanged.
/// </summary>
public sealed class KvmException : Exception
{
    /// <summary>Creates a refusal of <paramref name="operation"/> with <paramref name="errno"/>.</summary>
    /// <param name="errno">The errno KVM returns for this refusal.</param>
    /// <param name="operation">The KVM operation name, e.g. <c>KVM_SET_USER_MEMORY_REGION</c>.</param>
    /// <param name="message">What was wrong, for a person.</param>
    public KvmException(Errno errno, string operation, string message)
        : base($"{operation}: {message} ({errno})")
    {
        Errno = errno;
        Operation = operation;
        Reason = message;
    }

    /// <summary>The errno KVM returns for this refusal.</summary>
    public Errno Errno { get; }

    /// <summary>The KVM operation that was refused, e.g. <c>KVM_SET_USER_MEMORY_REGION</c>.</summary>
    public string Operation { get; }

    /// <summary>The reason without the operation and errno decoration.</summary>
    public string Reason { get; }
}
