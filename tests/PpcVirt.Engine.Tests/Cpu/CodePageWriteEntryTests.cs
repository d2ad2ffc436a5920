using PpcVirt.Engine.Hypervisor;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>
/// Stores skip the "holds code" check because no cached write translation exists for a page that
/// holds predecoded code: when a page starts to hold code, write entries pointing into it are
/// dropped, so the next store takes the slow path and drops the stale decode.
/// </summary>
public sealed class CodePageWriteEntryTests
{
    [Fact]
    public void APageWrittenBeforeItRunsAsCodeStillSeesLaterStores()
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x3000);
        h.SetR(5, Asm.Li(3, 1));
        h.SetR(6, Asm.Li(3, 2));
        h.SetR(7, Asm.Blr());
        h["CTR"] = 0x3000;
        h.Load(
            CpuHarness.CodeBase,
            Asm.Stw(5, 0, 4),           // caches a write translation for page 0x3000 (not code yet)
            Asm.Stw(7, 4, 4),           // through that translation
            Asm.Bcctr(20, 0, lk: true), // runs li r3,1; blr — the page now holds code
            Asm.Stw(6, 0, 4),           // must drop the decoded li r3,1
            Asm.Bcctr(20, 0, lk: true), // runs li r3,2; blr
            Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 9 });

        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(2u, h.R(3));
        Assert.Equal(0x1014u, (uint)h["PC"]);
    }
}
