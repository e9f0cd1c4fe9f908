using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SalesBot.Tests.Infrastructure;

/// <summary>
/// A TCP relay in front of a local service that a test can cut (connections refused, open ones dropped) and restore:
/// the service itself keeps running and keeps its data, as a real storage account would during a network outage.
/// </summary>
public sealed class CuttableLink : IAsyncDisposable
{
    private readonly int _target;
    private readonly ConcurrentDictionary<TcpClient, bool> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _cts = new();

    public CuttableLink(int target)
    {
        _target = target;
        Port = Azurite.ClosedPort();
        Restore();
    }

    public int Port { get; }

    public void Cut()
    {
        _cts.Cancel();
        _listener?.Stop();
        foreach (var client in _open.Keys)
        {
            client.Dispose();
        }

        _open.Clear();
    }

    public void Restore()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _cts.Token);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _cts.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(inbound, ct);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        _open[inbound] = true;
        _open[outbound] = true;
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _target, ct);
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), ct);
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), ct);
            await Task.WhenAny(a, b);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(inbound, out _);
            _open.TryRemove(outbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
