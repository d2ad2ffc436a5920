using PpcVirt.Engine.Disassembly;
using PpcVirt.Engine.Machines;
using Xunit;

namespace PpcVirt.Engine.Tests.Disassembly;

/// <summary>Guest code listings: Capstone's assembler view beside the core's instruction table, through the vCPU's translation.</summary>
public sealed class GuestDisassemblerTests
{
    private static Machine WithCode()
    {
        Machine m = Machine.Create(new MachineOptions());
        // addi r3,0,5 ; bclr 20,0 ; dlmzb r3,r4,r5 (440-only) ; illegal 0
        m.Vm.Memory.Write(0x1000, [0x38, 0x60, 0x00, 0x05, 0x4E, 0x80, 0x00, 0x20, 0x7C, 0x83, 0x28, 0x9C, 0x00, 0x00, 0x00, 0x00]);
        return m;
    }

    [Fact]
    public void ListsCapstoneMnemonicsAndOperandsBesideTheTableMnemonic()
    {
        using Machine m = WithCode();

        IReadOnlyList<DisassembledInstruction> list = GuestDisassembler.Disassemble(m.Vcpu, 0x1000, 4);

        Assert.Equal(("li", "r3, 5", "addi"), (list[0].Mnemonic, list[0].Operands, list[0].TableMnemonic));
        Assert.Equal(("blr", "bclr"), (list[1].Mnemonic, list[1].TableMnemonic));
        Assert.Equal(0x4E800020u, list[1].Word);
        Assert.Equal("dlmzb", list[2].TableMnemonic);
        Assert.Equal("dlmzb", list[2].Mnemonic);
        Assert.Null(list[3].TableMnemonic);
        Assert.Equal(".long", list[3].Mnemonic);
        Assert.Equal(0x1004UL, list[1].PhysicalAddress);
    }

    [Fact]
    public void UntranslatedAddressesReportTheFaultInsteadOfThrowing()
    {
        using Machine m = WithCode();

        DisassembledInstruction i = GuestDisassembler.Disassemble(m.Vcpu, 0x4000_0000, 1)[0];

        Assert.Equal("InstructionTlbError", i.Fault);
        Assert.Null(i.PhysicalAddress);
    }

    [Fact]
    public void PhysicalListingOutsideRamReportsIt()
    {
        using Machine m = WithCode();

        DisassembledInstruction i = GuestDisassembler.Disassemble(m.Vcpu, 0x2000_0000, 1, physical: true)[0];

        Assert.Equal("not guest RAM", i.Fault);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void CountOutsideOneTo4096IsRefused(int count)
    {
        using Machine m = WithCode();
        Assert.Throws<ArgumentOutOfRangeException>(() => GuestDisassembler.Disassemble(m.Vcpu, 0, count));
    }
}
