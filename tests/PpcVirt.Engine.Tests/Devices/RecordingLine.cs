using PpcVirt.Engine.Devices;

namespace PpcVirt.Engine.Tests.Devices;

/// <summary>An interrupt line that remembers its level and every <see cref="Set"/> call.</summary>
public sealed class RecordingLine : IInterruptLine
{
    private readonly List<bool> _history = [];

    /// <summary>The level last driven (false before any call).</summary>
    public bool Level { get; private set; }

    /// <summary>Every value passed to <see cref="Set"/>, in order.</summary>
    public IReadOnlyList<bool> History => _history;

    /// <summary>Number of false→true transitions seen.</summary>
    public int RisingEdges { get; private set; }

    /// <inheritdoc/>
    public void Set(bool asserted)
    {
        if (asserted && !Level)
        {
            RisingEdges++;
        }

        Level = asserted;
        _history.Add(asserted);
    }
}
