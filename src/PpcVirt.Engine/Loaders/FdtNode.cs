using System.Buffers.Binary;
using System.Text;

namespace PpcVirt.Engine.Loaders;

/// <summary>
/// A devicetree node (Devicetree Specification v0.4 §2.2): a unit name
/// (<c>node-name@unit-address</c>, empty for the root), an ordered list of properties and an
/// ordered list of child nodes. Order is kept exactly as added, and the writer emits properties
/// before children (§5.4.2). The <c>Add…</c> helpers return the node itself so calls chain.
/// </summary>
public sealed class FdtNode
{
    private readonly List<FdtProperty> _properties = [];
    private readonly List<FdtNode> _children = [];

    /// <summary>Creates a detached node (use <see cref="AddNode(string)"/> to build a tree).</summary>
    /// <param name="name">Unit name; empty only for a root node.</param>
    /// <exception cref="ArgumentException">The name contains '/' or NUL.</exception>
    public FdtNode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('/') || name.Contains('\0'))
        {
            throw new ArgumentException($"Node name '{name}' cannot contain '/' or NUL.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The unit name, e.g. <c>serial@ef600300</c>; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The parent node, or null for a root.</summary>
    public FdtNode? Parent { get; private set; }

    /// <summary>The properties, in order.</summary>
    public IReadOnlyList<FdtProperty> Properties => _properties;

    /// <summary>The child nodes, in order.</summary>
    public IReadOnlyList<FdtNode> Children => _children;

    /// <summary>The full path, e.g. <c>/plb/opb/serial@ef600300</c>; <c>/</c> for the root.</summary>
    public string Path => Parent is null ? "/" : Parent.Parent is null ? "/" + Name : Parent.Path + "/" + Name;

    /// <summary>The value of the <c>phandle</c> (or legacy <c>linux,phandle</c>) property, or null (§2.3.3).</summary>
    public uint? Phandle
    {
        get
        {
            FdtProperty? p = GetProperty("phandle") ?? GetProperty("linux,phandle");
            return p is { Length: 4 } ? p.AsUInt32() : null;
        }
    }

    /// <summary>Appends a child node.</summary>
    /// <param name="name">Unit name, non-empty, unique among the siblings.</param>
    /// <returns>The new child.</returns>
    /// <exception cref="ArgumentException">Empty or invalid name, or a sibling has that name.</exception>
    public FdtNode AddNode(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var child = new FdtNode(name);
        AddNode(child);
        return child;
    }

    /// <summary>Appends a detached node (and its subtree) as a child.</summary>
    /// <param name="child">A node without a parent.</param>
    /// <exception cref="ArgumentException">The node already has a parent, is a root (empty name) or a sibling has its name.</exception>
    public void AddNode(FdtNode child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child.Parent is not null || child.Name.Length == 0)
        {
            throw new ArgumentException("Only a detached, named node can be added as a child.", nameof(child));
        }

        if (GetChild(child.Name) is not null)
        {
            throw new ArgumentException($"Node '{Path}' already has a child '{child.Name}'.", nameof(child));
        }

        child.Parent = this;
        _children.Add(child);
    }

    /// <summary>The child with exactly this unit name or, when <paramref name="name"/> has no '@', the first child whose node-name (before '@') matches; null if none.</summary>
    public FdtNode? GetChild(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (FdtNode c in _children)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        if (!name.Contains('@'))
        {
            foreach (FdtNode c in _children)
            {
                int at = c.Name.IndexOf('@');
                if (at >= 0 && c.Name.AsSpan(0, at).SequenceEqual(name))
                {
                    return c;
                }
            }
        }

        return null;
    }

    /// <summary>The node at <paramref name="path"/>, relative to this node (a leading '/' is allowed), or null.</summary>
    /// <param name="path">Slash-separated unit names, e.g. <c>plb/opb/serial@ef600300</c>.</param>
    public FdtNode? FindNode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FdtNode? node = this;
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetChild(part);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The property named <paramref name="name"/>, or null.</summary>
    public FdtProperty? GetProperty(string name)
    {
        foreach (FdtProperty p in _properties)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>Appends a property with raw value bytes.</summary>
    /// <param name="name">Property name, unique in this node.</param>
    /// <param name="value">Value bytes (copied).</param>
    /// <returns>This node.</returns>
    /// <exception cref="ArgumentException">The node already has a property with that name.</exception>
    public FdtNode AddProperty(string name, ReadOnlySpan<byte> value)
    {
        if (GetProperty(name) is not null)
        {
            throw new ArgumentException($"Node '{Path}' already has a property '{name}'.", nameof(name));
        }

        _properties.Add(new FdtProperty(name, value));
        return this;
    }

    /// <summary>Replaces the value of an existing property in place, or appends it (libfdt <c>fdt_setprop</c> semantics apart from position).</summary>
    /// <param name="name">Property name.</param>
    /// <param name="value">Value bytes (copied).</param>
    /// <returns>This node.</returns>
    public FdtNode SetProperty(string name, ReadOnlySpan<byte> value)
    {
        for (int i = 0; i < _properties.Count; i++)
        {
            if (_properties[i].Name == name)
            {
                _properties[i] = new FdtProperty(name, value);
                return this;
            }
        }

        _properties.Add(new FdtProperty(name, value));
        return this;
    }

    /// <summary>Removes a property; returns false when there was none.</summary>
    public bool RemoveProperty(string name) => _properties.RemoveAll(p => p.Name == name) > 0;

    /// <summary>Appends an <c>&lt;empty&gt;</c> (boolean) property, e.g. <c>ranges;</c>.</summary>
    public FdtNode AddEmpty(string name) => AddProperty(name, []);

    /// <summary>Appends a <c>&lt;u32&gt;</c> / <c>&lt;prop-encoded-array&gt;</c> property of 32-bit big-endian cells, e.g. <c>reg = &lt;0xef600300 0x08&gt;</c>.</summary>
    /// <param name="name">Property name.</param>
    /// <param name="cells">The cells in order.</param>
    public FdtNode AddCells(string name, params ReadOnlySpan<uint> cells) => AddProperty(name, EncodeCells(cells));

    /// <summary>Appends a <c>&lt;u64&gt;</c> property: one 64-bit big-endian value (two cells, high first).</summary>
    public FdtNode AddU64(string name, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return AddProperty(name, bytes);
    }

    /// <summary>Appends a <c>&lt;string&gt;</c> property: UTF-8 with a terminating NUL.</summary>
    public FdtNode AddString(string name, string value) => AddProperty(name, EncodeStrings([value]));

    /// <summary>Appends a <c>&lt;stringlist&gt;</c> property: each string UTF-8 and NUL-terminated, back to back (e.g. <c>compatible</c>).</summary>
    public FdtNode AddStringList(string name, params ReadOnlySpan<string> values) => AddProperty(name, EncodeStrings(values));

    /// <summary>Appends a property holding a reference to <paramref name="target"/> (a <c>&lt;phandle&gt;</c>, §2.2.4.2).</summary>
    /// <exception cref="InvalidOperationException">The target has no phandle (give it one with <see cref="FdtBuilder.AllocatePhandle"/>).</exception>
    public FdtNode AddReference(string name, FdtNode target)
    {
        ArgumentNullException.ThrowIfNull(target);
        uint phandle = target.Phandle ?? throw new InvalidOperationException($"Node '{target.Path}' has no phandle.");
        return AddCells(name, phandle);
    }

    /// <summary>Encodes cells as big-endian 32-bit words.</summary>
    public static byte[] EncodeCells(ReadOnlySpan<uint> cells)
    {
        byte[] bytes = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        }

        return bytes;
    }

    /// <summary>Encodes strings as UTF-8, each followed by NUL.</summary>
    /// <exception cref="ArgumentException">A string contains NUL.</exception>
    public static byte[] EncodeStrings(ReadOnlySpan<string> values)
    {
        var bytes = new List<byte>();
        foreach (string v in values)
        {
            ArgumentNullException.ThrowIfNull(v, nameof(values));
            if (v.Contains('\0'))
            {
                throw new ArgumentException("A devicetree string cannot contain NUL.", nameof(values));
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(v));
            bytes.Add(0);
        }

        return [.. bytes];
    }

    /// <inheritdoc/>
    public override string ToString() => Path;
}
