namespace PpcVirt.Engine.Tracing;

/// <summary>The file layout <see cref="InstructionTracer"/> writes (docs/tracing.md gives both in full).</summary>
public enum TraceFormat
{
    /// <summary>
    /// Space-separated columns, one event per line, <c>#</c> comment lines at the top:
    /// <c>count pc word mnemonic symbol</c> for an instruction,
    /// <c>count pc interrupt IVORn Name SRR0=… target=… symbol</c> for an interrupt and
    /// <c>count pc exit Reason message</c> for the exit. Hex without prefix; easy to filter with
    /// <c>Select-String</c>/<c>grep</c>.
    /// </summary>
    Text,

    /// <summary>
    /// RFC 4180 CSV with a header row
    /// (<c>kind,count,pc,word,mnemonic,symbol,ivor,interrupt,srr0,target,reason,message</c>);
    /// hex as <c>0x…</c>; reads back with <c>Import-Csv</c>.
    /// </summary>
    Csv,
}
