using System.Management.Automation.Host;

namespace PpcVirt.Shell.Hosting;

/// <summary>A minimal raw UI: a fixed-size buffer (console width when attached to a terminal), no cursor or key input.</summary>
public sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    private static readonly int s_width = GetWidth();

    /// <inheritdoc/>
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    /// <inheritdoc/>
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    /// <inheritdoc/>
    public override Size BufferSize { get; set; } = new(s_width, 9999);

    /// <inheritdoc/>
    public override Coordinates CursorPosition { get; set; }

    /// <inheritdoc/>
    public override int CursorSize { get; set; } = 1;

    /// <inheritdoc/>
    public override bool KeyAvailable => false;

    /// <inheritdoc/>
    public override Size MaxPhysicalWindowSize => new(s_width, 50);

    /// <inheritdoc/>
    public override Size MaxWindowSize => new(s_width, 50);

    /// <inheritdoc/>
    public override Coordinates WindowPosition { get; set; }

    /// <inheritdoc/>
    public override Size WindowSize { get; set; } = new(s_width, 50);

    /// <inheritdoc/>
    public override string WindowTitle { get; set; } = "ppcvirt";

    /// <inheritdoc/>
    public override void FlushInputBuffer()
    {
    }

    /// <inheritdoc/>
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("ppcvirt has no screen buffer.");

    /// <inheritdoc/>
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("ppcvirt cannot read keys.");

    /// <inheritdoc/>
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
    {
    }

    /// <inheritdoc/>
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
    }

    /// <inheritdoc/>
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
    }

    private static int GetWidth()
    {
        try
        {
            if (!Console.IsOutputRedirected && Console.WindowWidth > 20)
            {
                return Console.WindowWidth;
            }
        }
        catch (IOException)
        {
        }

        return 120;
    }
}
