using PpcVirt.Engine.Profiles;
using Xunit;

namespace PpcVirt.Engine.Tests.Profiles;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("134217728", 134217728L)]
    [InlineData("512B", 512L)]
    [InlineData("4KiB", 4096L)]
    [InlineData("4K", 4096L)]
    [InlineData("128MiB", 128L << 20)]
    [InlineData("128 MiB", 128L << 20)]
    [InlineData("128M", 128L << 20)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1TiB", 1L << 40)]
    public void Parse_Valid(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-1", "negative")]
    [InlineData("MiB", "does not start with a decimal number")]
    [InlineData("128MB", "ambiguous")]
    [InlineData("1kB", "ambiguous")]
    [InlineData("1GB", "ambiguous")]
    [InlineData("128mib", "unknown unit")]
    [InlineData("0x100", "unknown unit")]
    [InlineData("1_000", "unknown unit")]
    [InlineData("1.5G", "not a whole number")]
    [InlineData("128  MiB", "more than one space")]
    [InlineData("9223372036854775807K", "too large")]
    public void Parse_Invalid(string text, string reason)
    {
        Assert.False(ByteSize.TryParse(text, out long bytes, out string? error));
        Assert.Equal(0, bytes);
        Assert.Contains(reason, error);
        Assert.Throws<FormatException>(() => ByteSize.Parse(text));
    }

    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(1000L, "1000B")]
    [InlineData(4096L, "4KiB")]
    [InlineData(128L << 20, "128MiB")]
    [InlineData(3L << 30, "3GiB")]
    public void Format(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));
}
