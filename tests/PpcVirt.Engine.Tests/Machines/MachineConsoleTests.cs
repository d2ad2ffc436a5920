using PpcVirt.Engine.Machines;
using Xunit;

namespace PpcVirt.Engine.Tests.Machines;

/// <summary>The console closes with its machine: input is dropped and <see cref="MachineConsole.Closed"/> is raised once.</summary>
public sealed class MachineConsoleTests
{
    [Fact]
    public void DisposingTheMachineClosesItsConsole()
    {
        Machine machine = Machine.Create(new MachineOptions());
        MachineConsole console = machine.Console;
        int closed = 0;
        console.Closed += () => closed++;
        console.SendInput("a"u8);

        machine.Dispose();
        machine.Dispose();

        Assert.True(console.IsClosed);
        Assert.Equal(1, closed);
        Assert.Equal(0, console.PendingInput);
        console.SendInput("b"u8);
        Assert.Equal(0, console.PendingInput);
    }
}
