using System.IO.Pipes;
using PpcVirt.Engine.Machines;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell.Tests;

/// <summary>
/// <c>Start-PpcVcpu -Interactive</c> with redirected standard input: the reader thread forwards
/// bytes to the guest console and ends with the run (Dispose) or with the VM (its console closes),
/// without taking bytes meant for whoever reads standard input next.
/// </summary>
public sealed class HostConsoleInputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void ForwardsRedirectedInputAndEndsWhenDisposed()
    {
        var console = new MachineConsole();
        var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);
        try
        {
            var input = new HostConsoleInput(console, reader, reader.SafePipeHandle);
            writer.Write("ls\r"u8);
            writer.Flush();
            Assert.True(SpinWait.SpinUntil(() => console.PendingInput == 3, Patience));
            Assert.True(input.IsReading);

            input.Dispose();

            Assert.False(input.IsReading); // ended, though no more input and no end of file came
        }
        finally
        {
            // The write end first: a reader still blocked in read(2) gets end of file.
            writer.Dispose();
            reader.Dispose();
        }
    }

    [Fact]
    public void EndsWhenTheVmIsDisposed()
    {
        var options = new MachineOptions();
        using Machine machine = Machine.Create(options);
        var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);
        try
        {
            using var input = new HostConsoleInput(machine.Console, reader, reader.SafePipeHandle);
            Assert.True(input.IsReading);

            machine.Dispose();

            Assert.True(machine.Console.IsClosed);
            Assert.True(SpinWait.SpinUntil(() => !input.IsReading, Patience));
        }
        finally
        {
            writer.Dispose();
            reader.Dispose();
        }
    }
}
