using System.Net;
using System.Net.Sockets;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Debugging;

/// <summary>
/// A GDB remote server on TCP (QEMU's <c>-gdb tcp::1234</c>): listens as soon as it is created
/// (port 0 picks a free port; see <see cref="LocalEndPoint"/>), then <see cref="ServeOne"/> accepts one
/// gdb connection and serves a <see cref="GdbSession"/> over the VM's vCPUs (one thread each).
/// The VM must not be run by anything else while a session is served.
/// </summary>
public sealed class GdbServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<IDebugTarget> _threads;
    private readonly object _gate = new();
    private TcpClient? _client;
    private bool _disposed;

    /// <summary>Starts listening on <paramref name="address"/>:<paramref name="port"/> for <paramref name="vm"/>.</summary>
    /// <param name="vm">The VM; it needs at least one vCPU.</param>
    /// <param name="address">Address to bind (loopback unless the debugger is on another host).</param>
    /// <param name="port">TCP port, 0–65535; 0 picks a free one.</param>
    /// <exception cref="ArgumentException">The VM has no vCPU.</exception>
    /// <exception cref="NotSupportedException">No GDB target description for the VM's CPU family.</exception>
    /// <exception cref="SocketException">The address/port cannot be bound (e.g. in use).</exception>
    public GdbServer(Vm vm, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (vm.Vcpus.Count == 0)
        {
            throw new ArgumentException("the VM has no vCPU to debug.", nameof(vm));
        }

        _threads = vm.Vcpus.Select(v => (IDebugTarget)new VcpuDebugTarget(v)).ToArray();
        _listener = new TcpListener(address, port);
        _listener.Start(1);
    }

    /// <summary>The bound address and port (the chosen port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>The remote end of the connection being served, or null.</summary>
    public EndPoint? RemoteEndPoint { get; private set; }

    /// <summary>The last exit of the served session's last continue or step, or null.</summary>
    public VcpuExit? LastExit { get; private set; }

    /// <summary>Packets the last session handled.</summary>
    public int PacketsHandled { get; private set; }

    /// <summary>Waits for one gdb connection and serves it until gdb detaches, kills or disconnects, or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Ends the wait or the session.</param>
    /// <param name="acceptTimeout">How long to wait for the connection; null waits until cancelled.</param>
    /// <returns>How the session ended (<see cref="GdbSessionEnd.Canceled"/> also when cancelled before a connection arrived;
    /// <see cref="GdbSessionEnd.NoConnection"/> when <paramref name="acceptTimeout"/> passed first).</returns>
    public GdbSessionEnd ServeOne(CancellationToken cancellationToken = default, TimeSpan? acceptTimeout = null)
    {
        TcpClient client;
        using (var accept = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (acceptTimeout is { } t)
            {
                accept.CancelAfter(t);
            }

            try
            {
                client = _listener.AcceptTcpClientAsync(accept.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return cancellationToken.IsCancellationRequested ? GdbSessionEnd.Canceled : GdbSessionEnd.NoConnection;
            }
        }

        using (client)
        {
            lock (_gate)
            {
                _client = client;
            }

            client.NoDelay = true;
            RemoteEndPoint = client.Client.RemoteEndPoint;
            using CancellationTokenRegistration closeOnCancel = cancellationToken.Register(client.Close);
            var session = new GdbSession(new RspConnection(client.GetStream()), _threads);
            try
            {
                return session.Serve(cancellationToken);
            }
            finally
            {
                LastExit = session.LastExit;
                PacketsHandled = session.PacketsHandled;
                lock (_gate)
                {
                    _client = null;
                }
            }
        }
    }

    /// <summary>Stops listening and closes a connection being served (its <see cref="ServeOne"/> returns).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _client?.Close();
        }

        // A run in progress sees the closed connection and stops through its own token; a stop
        // requested on an idle vCPU here would cancel its next run (KVM_CAP_IMMEDIATE_EXIT).
        _listener.Stop();
    }
}
