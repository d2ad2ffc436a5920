using Xunit;

namespace PpcVirt.Engine.Tests.Debugging;

/// <summary>A fact that is skipped, with the reason, when gdb-multiarch is not on PATH (Debian package <c>gdb-multiarch</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GdbMultiarchFactAttribute : FactAttribute
{
    public GdbMultiarchFactAttribute()
    {
        if (GdbMultiarchTests.FindGdb() is null)
        {
            Skip = "gdb-multiarch is not installed (apt-get install gdb-multiarch)";
        }
    }
}
