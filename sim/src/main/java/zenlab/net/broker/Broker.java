package zenlab.net.broker;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import io.netty.util.concurrent.GlobalEventExecutor;
import zenlab.model.Cause;
import zenlab.net.NetEvents;
import zenlab.net.TlsContexts;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.pki.Identity;
import zenlab.net.pki.PinnedTrustManager;
import zenlab.net.tunnel.FrameCodec;
import zenlab.net.tunnel.LocalRelayHandler;
import zenlab.net.tunnel.Mtunnel;

/**
 * A cloud broker on loopback: one TLS port where connectors enrol and keep their control and
 * data connections (mutual TLS, the tenant's Connector CA only), and a plain TCP port per app
 * where users' clients connect; each client becomes an mtunnel through a connector of the
 * app's groups. Binds 127.0.0.1 only, on an ephemeral port unless told one.
 */
public final class Broker implements AutoCloseable {

    /** Tunnel connections queue at most this much before the mtunnels feeding them pause. */
    static final WriteBufferWaterMark TUNNEL_WATER_MARK = new WriteBufferWaterMark(2 * 1024 * 1024, 8 * 1024 * 1024);
    /**
     * A user's client turns unwritable (and its stall clock starts) above this much unsent; the
     * high mark sits below one mtunnel window, or credit would stop the bytes before it is reached.
     */
    static final WriteBufferWaterMark CLIENT_WATER_MARK = new WriteBufferWaterMark(32 * 1024, Mtunnel.WINDOW_BYTES / 2);

    private final String name;
    private final Tenant tenant;
    private final BrokerSettings settings;
    private final NetEvents events;
    private final SslContext tls;
    private final Transport transport;
    private final EventLoopGroup group;
    private final ConnectorSessions sessions = new ConnectorSessions();
    private final Map<Mtunnel, Long> setupStartNs = new ConcurrentHashMap<>();
    private final java.util.Set<Mtunnel> established = ConcurrentHashMap.newKeySet();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<Channel> listeners = new ArrayList<>();
    private InetSocketAddress tunnelAddress;
    private final PinnedTrustManager clientCertificates;
    private volatile MtunnelObserver observer = MtunnelObserver.NONE;
    private volatile MtunnelMeter meter = MtunnelMeter.NONE;
    /** Each mtunnel's app from its request to its end, for the meter. */
    private final Map<Mtunnel, String> appOf = new ConcurrentHashMap<>();

    public Broker(String name, Tenant tenant, Identity identity, TlsProvider provider, BrokerSettings settings,
                  Transport transport, EventLoopGroup group, NetEvents events) throws javax.net.ssl.SSLException {
        this.name = name;
        this.tenant = tenant;
        this.settings = settings;
        this.events = events;
        this.transport = transport;
        this.group = group;
        this.tls = TlsContexts.broker(identity, tenant.pki().connectorCaCertificate(), provider);
        this.clientCertificates = new PinnedTrustManager(tenant.pki().connectorCaCertificate(),
                PinnedTrustManager.Purpose.CLIENT, java.time.Clock.systemUTC(), null);
    }

    /** Binds the TLS port for connectors on 127.0.0.1 ({@code port} 0: ephemeral) and returns its address. */
    public InetSocketAddress start(int port) throws InterruptedException {
        Channel listener = transport.serverBootstrap(group)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, TUNNEL_WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        SslHandler ssl = tls.newHandler(ch.alloc());
                        ssl.setHandshakeTimeoutMillis(settings.handshakeTimeoutMs());
                        ch.pipeline().addLast("tls", ssl)
                                .addLast("flushes", new FlushConsolidationHandler(64, true))
                                .addLast("idle", new IdleStateHandler(settings.idleTimeoutMs(),
                                        settings.idleTimeoutMs() / 3, 0, TimeUnit.MILLISECONDS))
                                .addLast("frames", new FrameCodec())
                                .addLast("broker", new BrokerConnectionHandler(Broker.this));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        listeners.add(listener);
        tunnelAddress = (InetSocketAddress) listener.localAddress();
        return tunnelAddress;
    }

    /**
     * Binds a plain TCP port on 127.0.0.1 where any client reaches {@code app} through an mtunnel.
     *
     * @param port 0 for an ephemeral port
     */
    public InetSocketAddress openClientPort(String app, int port) throws InterruptedException {
        if (!tenant.knowsApp(app)) {
            throw new IllegalArgumentException("no app " + app + " in the tenant");
        }
        Channel listener = transport.serverBootstrap(group)
                .childOption(ChannelOption.AUTO_READ, false) // nothing is read until the mtunnel is bound
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // a client's FIN travels as FIN
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, CLIENT_WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        LocalRelayHandler relay = new LocalRelayHandler(settings.clientStallMs());
                        ch.pipeline().addLast("relay", relay);
                        ch.eventLoop().execute(() -> openMtunnel(ch, app, relay));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        listeners.add(listener);
        return (InetSocketAddress) listener.localAddress();
    }

    /** Who hears of each client's mtunnel (a live run's load generator). */
    public void observeMtunnels(MtunnelObserver o) {
        this.observer = o;
    }

    /** Who counts the mtunnels by app (live metrics). */
    public void meterMtunnels(MtunnelMeter m) {
        this.meter = m;
    }

    /** A user's client connected: pick a connector's data connection and ask it to serve the app. */
    private void openMtunnel(SocketChannel client, String app, LocalRelayHandler relay) {
        long startNs = System.nanoTime();
        meter.requested(app);
        BrokerConnectionHandler data = sessions.pick(app, tenant.groupsOf(app), client.eventLoop());
        if (data == null) {
            meter.refused(app, Cause.NO_CONNECTOR_AVAILABLE);
            events.record(NetEvents.Kind.MTUNNEL_REFUSED, name, Cause.NO_CONNECTOR_AVAILABLE, "for " + app, 0);
            observer.refused(client.remoteAddress(), Cause.NO_CONNECTOR_AVAILABLE);
            client.close();
            return;
        }
        Mtunnel m = new Mtunnel(data.channel(), data.mtunnels().nextStreamId(), client, data.mtunnels(), this::mtunnelEnded);
        if (meter != MtunnelMeter.NONE) {
            appOf.put(m, app); // only live metrics need it: no map work per mtunnel without them
        }
        setupStartNs.put(m, startNs);
        // The BrkRq goes on the tunnel's loop before anything the client's end can send: a client
        // already gone (attach ends the mtunnel at once) queues its END and the table's removal
        // after the request. The other way round, the request put an ended mtunnel back in the
        // table, the connector served it, and its app connection was never closed.
        data.channel().eventLoop().execute(() -> data.request(m, app));
        relay.attach(m);
        client.eventLoop().schedule(() -> {
            if (setupStartNs.containsKey(m)) {
                mtunnelRefused(m, Cause.CONNECTION_LOST, "setup timed out after " + settings.setupTimeoutMs() + " ms");
            }
        }, settings.setupTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    void mtunnelBound(Mtunnel m, String connector) {
        Long start = setupStartNs.remove(m);
        if (start != null) {
            established.add(m);
            long setupNs = System.nanoTime() - start;
            events.record(NetEvents.Kind.MTUNNEL_ESTABLISHED, name, Cause.NONE, "via " + connector, setupNs);
            meter.established(appOf.getOrDefault(m, "?"), setupNs);
            observer.bound(m.local().remoteAddress(), connector, setupNs);
        }
    }

    void mtunnelRefused(Mtunnel m, Cause cause, String detail) {
        if (setupStartNs.remove(m) != null) {
            observer.refused(m.local().remoteAddress(), cause);
            String app = appOf.remove(m);
            meter.refused(app == null ? "?" : app, cause);
        }
        events.record(NetEvents.Kind.MTUNNEL_REFUSED, name, cause, detail, 0);
        m.cut(cause);
    }

    private void mtunnelEnded(Mtunnel m, Cause cause, boolean here) {
        String app = appOf.remove(m);
        if (established.remove(m)) {
            observer.ended(m.local().remoteAddress(), cause);
            meter.ended(app == null ? "?" : app, cause, m.bytesFromLocal(), m.bytesToLocal());
            events.record(NetEvents.Kind.MTUNNEL_ENDED, name, cause,
                    m + (here ? " ended at the client" : " ended by the connector") + " after " + m.bytesFromLocal()
                            + " bytes up, " + m.bytesToLocal() + " down", 0);
        } else if (setupStartNs.remove(m) != null) {
            observer.refused(m.local().remoteAddress(), cause == Cause.NONE ? Cause.CONNECTION_LOST : cause);
            meter.refused(app == null ? "?" : app, cause == Cause.NONE ? Cause.CONNECTION_LOST : cause);
            events.record(NetEvents.Kind.MTUNNEL_REFUSED, name, cause == Cause.NONE ? Cause.CONNECTION_LOST : cause,
                    m + " ended during setup", 0);
        }
    }

    public String name() {
        return name;
    }

    /** The water mark of tunnel connections, the same at both ends. */
    public static WriteBufferWaterMark tunnelWaterMark() {
        return TUNNEL_WATER_MARK;
    }

    public InetSocketAddress tunnelAddress() {
        return tunnelAddress;
    }

    public Tenant tenant() {
        return tenant;
    }

    public ConnectorSessions sessions() {
        return sessions;
    }

    /** Checks a connector's certificate chain against the tenant's Connector CA. */
    PinnedTrustManager clientCertificates() {
        return clientCertificates;
    }

    BrokerSettings settings() {
        return settings;
    }

    NetEvents events() {
        return events;
    }

    /** Stops listening and closes every connection it accepted: what a broker outage looks like to its peers. */
    @Override
    public void close() {
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        listeners.clear();
        connections.close().syncUninterruptibly();
    }
}
