using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PpcVirt.Engine.Debugging;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Start-PpcGdbServer</c>: a GDB remote server for a VM (QEMU's <c>-gdb tcp::1234</c>; the GDB Remote
/// Serial Protocol, target description powerpc:common for the 440). Listens on
/// <see cref="Address"/>:<see cref="Port"/> (loopback by default), announces the endpoint on the
/// host (Write-Host style, also in the information stream), serves one gdb connection — the vCPUs
/// are gdb's threads; the guest starts stopped — and blocks until gdb detaches, kills or
/// disconnects (or -ConnectTimeoutSeconds passes with no connection), streaming the guest console meanwhile. Ctrl-C (or Stop-PpcVcpu from another
/// session) ends the session. Detach and kill both leave the vCPU stopped where it was (the VM is
/// neither resumed nor destroyed): Start-PpcVcpu continues it. Outputs a PpcGdbSession.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "PpcGdbServer", SupportsShouldProcess = true)]
[OutputType(typeof(PpcGdbSession))]
public sealed class StartPpcGdbServerCommand : PSCmdlet
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The VM to debug (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>TCP port to listen on (1234 is gdb's customary one); 0 picks a free port, announced on the host.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>IP address to listen on; default 127.0.0.1 (loopback only: the protocol has no authentication).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Give up (End = NoConnection) when no debugger connects within this many seconds; 0 (default) waits until Ctrl-C.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double ConnectTimeoutSeconds { get; set; }

    /// <summary>Do not stream the guest console to the host (it is still kept on the VM).</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        if (!IPAddress.TryParse(Address, out IPAddress? ip))
        {
            WriteError(PpcErrors.Create("PpcVirt.InvalidAddress", ErrorCategory.InvalidArgument, $"'{Address}' is not an IP address.", Address));
            return;
        }

        if (!ShouldProcess(Vm.Name, $"Serve gdb on {Address}:{Port}"))
        {
            return;
        }

        GdbServer server;
        try
        {
            server = new GdbServer(Vm.Vm, ip, Port);
        }
        catch (SocketException ex)
        {
            WriteError(PpcErrors.Create("PpcVirt.GdbListenFailed", ErrorCategory.ResourceUnavailable, $"cannot listen on {Address}:{Port}: {ex.Message}", Vm, ex));
            return;
        }
        catch (NotSupportedException ex)
        {
            WriteError(PpcErrors.Create("PpcVirt.GdbNotSupported", ErrorCategory.NotImplemented, ex.Message, Vm, ex));
            return;
        }

        using (server)
        {
            if (!Vm.TryBeginRun(_cancellation))
            {
                WriteError(PpcErrors.FromKvm(new KvmException(Errno.EBUSY, "KVM_RUN", $"VM '{Vm.Name}' is already running."), Vm));
                return;
            }

            PpcVcpuExit? lastExit = null;
            try
            {
                int port = server.LocalEndPoint.Port;
                string kernel = Vm.KernelPath is { } k ? $" {k}" : string.Empty;
                WriteInformation(new HostInformationMessage { Message = $"Waiting for gdb on {Address}:{port} (gdb-multiarch -ex 'target remote {Address}:{port}'{kernel})" }, ["PSHOST"]);
                GdbSessionEnd end = Serve(server);
                lastExit = server.LastExit is { } e ? new PpcVcpuExit(Vm.Name, Vm.Vcpu.Id, e) : null;
                WriteObject(new PpcGdbSession(Vm.Name, Address, port, server.RemoteEndPoint?.ToString(), end, server.PacketsHandled, lastExit, Vm.Vcpu.ProgramCounter));
            }
            finally
            {
                Vm.EndRun(lastExit);
            }
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancellation.Cancel();

    /// <inheritdoc/>
    protected override void EndProcessing() => _cancellation.Dispose();

    private GdbSessionEnd Serve(GdbServer server)
    {
        var queue = new ConcurrentQueue<byte>();
        Action<byte> onOutput = queue.Enqueue;
        bool stream = !Quiet && Host?.UI is not null;
        if (stream)
        {
            Vm.Instance.Console.Output += onOutput;
        }

        CancellationToken token = _cancellation.Token;
        Task<GdbSessionEnd> serve = Task.Factory.StartNew(() => server.ServeOne(token, ConnectTimeoutSeconds > 0 ? TimeSpan.FromSeconds(ConnectTimeoutSeconds) : null), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Decoder decoder = Encoding.UTF8.GetDecoder();
        try
        {
            while (!((IAsyncResult)serve).AsyncWaitHandle.WaitOne(100))
            {
                Drain(queue, decoder);
            }
        }
        finally
        {
            if (stream)
            {
                Vm.Instance.Console.Output -= onOutput;
            }

            Drain(queue, decoder);
        }

        return serve.GetAwaiter().GetResult();
    }

    private void Drain(ConcurrentQueue<byte> queue, Decoder decoder)
    {
        if (queue.IsEmpty)
        {
            return;
        }

        var bytes = new List<byte>();
        while (queue.TryDequeue(out byte b))
        {
            bytes.Add(b);
        }

        char[] chars = new char[decoder.GetCharCount([.. bytes], 0, bytes.Count)];
        decoder.GetChars([.. bytes], 0, bytes.Count, chars, 0);
        try
        {
            Host.UI.Write(new string(chars));
        }
        catch (Exception ex) when (ex is HostException or NotImplementedException)
        {
        }
    }
}
