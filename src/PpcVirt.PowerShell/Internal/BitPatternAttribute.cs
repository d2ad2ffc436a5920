using System.Management.Automation;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Lets a UInt32/UInt64 register or memory-word parameter take PowerShell hex literals as written:
/// PowerShell parses <c>0x88A40005</c> as a negative Int32 (and <c>0x8000000000000000</c> as a negative
/// Int64), which would not convert to an unsigned type. Negative signed integers become their two's
/// complement bit pattern of the parameter's width; everything else converts as usual.
/// </summary>
/// <param name="bits">Parameter width: 32 or 64.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class BitPatternAttribute(int bits) : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value switch
        {
            int i when i < 0 => bits == 32 ? unchecked((uint)i) : unchecked((ulong)(long)i),
            long l when l < 0 && bits == 64 => unchecked((ulong)l),
            long l when l < 0 && l >= int.MinValue => unchecked((uint)(int)l),
            _ => inputData,
        };
    }
}
