namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// The Linux errno values the KVM ioctls return. PpcVirt refuses bad requests with the
/// errno KVM would have returned (see Documentation/virt/kvm/api.rst for each ioctl).
/// </summary>
public enum Errno
{
    /// <summary>Operation not permitted.</summary>
    EPERM = 1,
    /// <summary>No such file or directory (e.g. a kernel image that does not exist).</summary>
    ENOENT = 2,
    /// <summary>Interrupted: the run was cancelled.</summary>
    EINTR = 4,
    /// <summary>I/O error.</summary>
    EIO = 5,
    /// <summary>Exec format error: not a PowerPC ELF image.</summary>
    ENOEXEC = 8,
    /// <summary>Try again.</summary>
    EAGAIN = 11,
    /// <summary>Out of memory.</summary>
    ENOMEM = 12,
    /// <summary>Bad address: a guest physical address outside every memory slot.</summary>
    EFAULT = 14,
    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,
    /// <summary>Exists: e.g. a memory slot that overlaps another (KVM_SET_USER_MEMORY_REGION).</summary>
    EEXIST = 17,
    /// <summary>No such device.</summary>
    ENODEV = 19,
    /// <summary>Invalid argument.</summary>
    EINVAL = 22,
    /// <summary>No space left (e.g. no free memory slot).</summary>
    ENOSPC = 28,
    /// <summary>Result out of range.</summary>
    ERANGE = 34,
    /// <summary>Function not implemented.</summary>
    ENOSYS = 38,
    /// <summary>Operation not supported (ENOTSUP/EOPNOTSUPP).</summary>
    EOPNOTSUPP = 95,
}
