using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PpcVirt.Engine.Profiles;

/// <summary>
/// A YamlDotNet <see cref="IParser"/> that replays parsing events read (and checked) earlier, so
/// <see cref="MachineProfileLoader"/> can refuse anchors, aliases, tags and deep nesting before
/// YamlDotNet's representation model (<c>YamlStream.Load</c>) builds a tree from them.
/// </summary>
/// <param name="events">The events in stream order, from <c>StreamStart</c> to <c>StreamEnd</c>.</param>
internal sealed class ParsingEventReplay(IReadOnlyList<ParsingEvent> events) : IParser
{
    private readonly IReadOnlyList<ParsingEvent> _events = events;
    private int _next;

    /// <inheritdoc/>
    public ParsingEvent? Current { get; private set; }

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (_next >= _events.Count)
        {
            Current = null;
            return false;
        }

        Current = _events[_next++];
        return true;
    }
}
