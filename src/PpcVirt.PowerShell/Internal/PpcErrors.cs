using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Builds the module's ErrorRecords: stable <c>PpcVirt.*</c> error ids and the ErrorCategory
/// that matches the KVM errno of a refusal.
/// </summary>
internal static class PpcErrors
{
    /// <summary>The ErrorCategory for a KVM errno.</summary>
    public static ErrorCategory CategoryOf(Errno errno) => errno switch
    {
        Errno.EINVAL => ErrorCategory.InvalidArgument,
        Errno.EEXIST => ErrorCategory.ResourceExists,
        Errno.ENOENT => ErrorCategory.ObjectNotFound,
        Errno.ENOEXEC => ErrorCategory.InvalidData,
        Errno.EFAULT => ErrorCategory.InvalidArgument,
        Errno.EBUSY => ErrorCategory.ResourceBusy,
        Errno.EAGAIN => ErrorCategory.ResourceBusy,
        Errno.ENOMEM => ErrorCategory.ResourceUnavailable,
        Errno.ENOSPC => ErrorCategory.ResourceUnavailable,
        Errno.EPERM => ErrorCategory.PermissionDenied,
        Errno.EINTR => ErrorCategory.OperationStopped,
        Errno.EIO => ErrorCategory.DeviceError,
        Errno.ENODEV => ErrorCategory.ObjectNotFound,
        Errno.ERANGE => ErrorCategory.InvalidArgument,
        Errno.ENOSYS => ErrorCategory.NotImplemented,
        Errno.EOPNOTSUPP => ErrorCategory.NotImplemented,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>The default error id for an errno when the cmdlet has no more specific one.</summary>
    public static string DefaultId(Errno errno) => errno switch
    {
        Errno.EBUSY => "PpcVirt.VcpuBusy",
        Errno.ENOMEM => "PpcVirt.OutOfMemory",
        Errno.EFAULT => "PpcVirt.GuestMemoryFault",
        Errno.ENOENT => "PpcVirt.FileNotFound",
        Errno.ENOEXEC => "PpcVirt.InvalidKernelImage",
        Errno.EINVAL => "PpcVirt.InvalidArgument",
        Errno.EOPNOTSUPP or Errno.ENOSYS => "PpcVirt.NotSupported",
        _ => "PpcVirt.KvmError",
    };

    /// <summary>
    /// An ErrorRecord for a refused hypervisor request: the <see cref="KvmException"/> as exception (its
    /// message names the errno), the id from <paramref name="ids"/> for its errno (else <see cref="DefaultId"/>).
    /// </summary>
    public static ErrorRecord FromKvm(KvmException exception, object? target, params (Errno Errno, string Id)[] ids)
    {
        string id = DefaultId(exception.Errno);
        foreach ((Errno errno, string candidate) in ids)
        {
            if (errno == exception.Errno)
            {
                id = candidate;
                break;
            }
        }

        return new ErrorRecord(exception, id, CategoryOf(exception.Errno), target);
    }

    /// <summary>An ErrorRecord for a module-level refusal.</summary>
    public static ErrorRecord Create(string id, ErrorCategory category, string message, object? target, Exception? inner = null) =>
        new(new PpcVirtException(message, inner), id, category, target);

    /// <summary>The <c>PpcVirt.VmNotFound</c> error.</summary>
    public static ErrorRecord VmNotFound(string what, object target) =>
        Create("PpcVirt.VmNotFound", ErrorCategory.ObjectNotFound, $"No VM {what} exists in this process (see Get-PpcVm).", target);
}
