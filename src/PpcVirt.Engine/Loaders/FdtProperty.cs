using System.Buffers.Binary;
using System.Text;

namespace PpcVirt.Engine.Loaders;

/// <summary>
/// A devicetree property (Devicetree Specification v0.4 §2.2.4): a name and a byte string. The
/// accessors decode the standard value types of §2.2.4.2 (<c>&lt;u32&gt;</c>,
/// <c>&lt;u64&gt;</c>, <c>&lt;string&gt;</c>, <c>&lt;stringlist&gt;</c>,
/// <c>&lt;prop-encoded-array&gt;</c>, <c>&lt;empty&gt;</c>), all big-endian.
/// </summary>
public sealed class FdtProperty
{
    private readonly byte[] _value;

    /// <summary>Creates a property.</summary>
    /// <param name="name">Property name, 1–31 characters (§2.2.4.1).</param>
    /// <param name="value">Value bytes (copied); empty for a boolean property.</param>
    /// <exception cref="ArgumentException">The name is empty or contains NUL.</exception>
    public FdtProperty(string name, ReadOnlySpan<byte> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0'))
        {
            throw new ArgumentException("A property name cannot contain NUL.", nameof(name));
        }

        Name = name;
        _value = value.ToArray();
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>The raw value bytes.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>Value length in bytes.</summary>
    public int Length => _value.Length;

    /// <summary>True for an <c>&lt;empty&gt;</c> (boolean) property.</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>The value as a single <c>&lt;u32&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">The value is not exactly 4 bytes.</exception>
    public uint AsUInt32() => _value.Length == 4
        ? BinaryPrimitives.ReadUInt32BigEndian(_value)
        : throw new InvalidOperationException($"Property '{Name}' has {_value.Length} bytes, not a single u32 cell.");

    /// <summary>The value as a single <c>&lt;u64&gt;</c> (two cells, high first).</summary>
    /// <exception cref="InvalidOperationException">The value is not exactly 8 bytes.</exception>
    public ulong AsUInt64() => _value.Length == 8
        ? BinaryPrimitives.ReadUInt64BigEndian(_value)
        : throw new InvalidOperationException($"Property '{Name}' has {_value.Length} bytes, not a u64.");

    /// <summary>The value as an array of 32-bit cells (<c>&lt;prop-encoded-array&gt;</c>).</summary>
    /// <exception cref="InvalidOperationException">The length is not a multiple of 4.</exception>
    public uint[] AsUInt32Array()
    {
        if (_value.Length % 4 != 0)
        {
            throw new InvalidOperationException($"Property '{Name}' has {_value.Length} bytes, not a whole number of u32 cells.");
        }

        uint[] cells = new uint[_value.Length / 4];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = BinaryPrimitives.ReadUInt32BigEndian(_value.AsSpan(i * 4));
        }

        return cells;
    }

    /// <summary>The value as one NUL-terminated <c>&lt;string&gt;</c> (UTF-8; the terminator is dropped).</summary>
    /// <exception cref="InvalidOperationException">The value does not end with NUL or holds more than one string.</exception>
    public string AsString()
    {
        string[] list = AsStringList();
        return list.Length == 1 ? list[0] : throw new InvalidOperationException($"Property '{Name}' holds {list.Length} strings, not one.");
    }

    /// <summary>The value as a <c>&lt;stringlist&gt;</c>: NUL-terminated UTF-8 strings back to back.</summary>
    /// <exception cref="InvalidOperationException">The value is empty or does not end with NUL.</exception>
    public string[] AsStringList()
    {
        if (_value.Length == 0 || _value[^1] != 0)
        {
            throw new InvalidOperationException($"Property '{Name}' is not a NUL-terminated string list.");
        }

        return Encoding.UTF8.GetString(_value, 0, _value.Length - 1).Split('\0');
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({_value.Length} bytes)";
}
