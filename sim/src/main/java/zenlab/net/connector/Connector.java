package zenlab.net.connector;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import zenlab.net.NetEvents;
import zenlab.net.TlsContexts;
import zenlab.net.Transport;
import zenlab.net.pki.CertificateAuthority;
import zenlab.net.pki.CertificateRequests;
import zenlab.net.pki.Fingerprint;
import zenlab.net.pki.Identity;
import zenlab.net.pki.PemFiles;
import zenlab.net.pki.ProvisioningKey;
import zenlab.net.tunnel.FrameCodec;
import zenlab.net.tunnel.Payloads;

/**
 * An app connector on the real data path. It only ever dials out: it enrols with a
 * provisioning key (a CSR over TLS, the broker pinned to the cloud's root CA), then keeps a
 * control connection and data connections to a broker over mutual TLS, and serves the mtunnels
 * the broker asks for by connecting to its apps. It never opens a listening socket.
 */
public final class Connector implements AutoCloseable {

    static final String VERSION = "zenlab-connector/1";

    private final ConnectorSettings settings;
    private final Map<String, InetSocketAddress> apps;
    private final X509Certificate cloudRoot;
    private final Transport transport;
    private final EventLoopGroup group;
    private final NetEvents events;
    private final KeyPair keys = CertificateAuthority.newKeyPair();
    private final List<Channel> channels = new ArrayList<>();
    private volatile String macAddress;
    private volatile Identity identity;
    private volatile String name;
    private volatile boolean paused;
    /** Numbers each connect(); starts from the clock so a restarted process's sessions are newer too. */
    private final java.util.concurrent.atomic.AtomicLong sessions = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private volatile java.util.function.Consumer<zenlab.model.Cause> lostListener = cause -> { };

    /**
     * @param apps the apps this connector can reach, by name (as the broker asks for them)
     */
    public Connector(ConnectorSettings settings, Map<String, InetSocketAddress> apps, X509Certificate cloudRoot,
                     Transport transport, EventLoopGroup group, NetEvents events) {
        this.settings = settings;
        this.apps = new ConcurrentHashMap<>(apps);
        this.cloudRoot = cloudRoot;
        this.transport = transport;
        this.group = group;
        this.events = events;
        this.macAddress = settings.macAddress();
        this.name = settings.hostName();
    }

    /**
     * Enrols with a provisioning key at a broker: completes with the connector's enrolled name
     * ({@code <key name>-<n>}), or exceptionally with a {@link zenlab.net.NetFailure} and its cause.
     */
    public CompletableFuture<String> enrol(InetSocketAddress broker, String brokerName, ProvisioningKey key) {
        CompletableFuture<String> done = new CompletableFuture<>();
        this.pendingKey = key;
        dial(broker, brokerName, null, ConnectorConnectionHandler.Role.ENROL, done, 0);
        return done;
    }

    private volatile ProvisioningKey pendingKey;

    /** Opens the control connection and the data connections: completes once all are authenticated. */
    public CompletableFuture<Void> connect(InetSocketAddress broker, String brokerName) {
        paused = false;
        if (identity == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(name + " has not enrolled"));
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        CompletableFuture<Void> control = new CompletableFuture<>();
        long session = sessions.incrementAndGet();
        dial(broker, brokerName, identity, ConnectorConnectionHandler.Role.CONTROL, control, session);
        all.add(control);
        for (int i = 0; i < settings.dataConnections(); i++) {
            CompletableFuture<Void> data = new CompletableFuture<>();
            dial(broker, brokerName, identity, ConnectorConnectionHandler.Role.DATA, data, session);
            all.add(data);
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    private void dial(InetSocketAddress broker, String brokerName, Identity presented, ConnectorConnectionHandler.Role role,
                      CompletableFuture<?> ready, long session) {
        SslContext tls;
        try {
            tls = tlsFor(brokerName, presented);
        } catch (javax.net.ssl.SSLException e) {
            ready.completeExceptionally(e);
            return;
        }
        long idleMs = settings.idleTimeoutMs();
        Channel channel = transport.bootstrap(group)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.handshakeTimeoutMs()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, zenlab.net.broker.Broker.tunnelWaterMark())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = tls.newHandler(ch.alloc(), brokerName, broker.getPort());
                        ssl.setHandshakeTimeoutMillis(settings.handshakeTimeoutMs());
                        ch.pipeline().addLast("tls", ssl)
                                .addLast("flushes", new io.netty.handler.flush.FlushConsolidationHandler(64, true))
                                .addLast("idle", new IdleStateHandler(idleMs, idleMs / 3, 0, TimeUnit.MILLISECONDS))
                                .addLast("frames", new FrameCodec())
                                .addLast("connector", new ConnectorConnectionHandler(Connector.this, role, ready, session));
                    }
                })
                .connect(broker)
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        ready.completeExceptionally(new zenlab.net.NetFailure(zenlab.model.Cause.BROKER_UNREACHABLE,
                                String.valueOf(connected.cause().getMessage())));
                    }
                })
                .channel();
        synchronized (channels) {
            channels.add(channel);
        }
    }

    /**
     * One TLS context per server name and identity, made once: building one (a native context,
     * its key and trust material) costs more than the handshake itself, and a fleet's connectors
     * dial every broker twice or more per connect. The trust manager reads the host's clock at
     * each handshake, so a changed skew still counts.
     */
    private final Map<String, SslContext> tlsByServer = new ConcurrentHashMap<>();
    private volatile Identity tlsIdentity;

    private SslContext tlsFor(String serverName, Identity presented) throws javax.net.ssl.SSLException {
        if (presented != tlsIdentity) {
            tlsByServer.clear(); // enrolled or restored since: contexts presenting the old identity go
            tlsIdentity = presented;
        }
        SslContext tls = tlsByServer.get(serverName);
        if (tls == null) {
            tls = TlsContexts.connector(presented, cloudRoot, serverName, settings.clock(), settings.provider());
            tlsByServer.put(serverName, tls);
        }
        return tls;
    }

    /** The EnrollRequest payload: the key (only here, on the wire), fingerprint, host name, CSR. */
    ByteBuf enrolmentRequest(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        Payloads.writeBytes(out, pendingKey.reveal().getBytes(StandardCharsets.UTF_8));
        Payloads.writeBytes(out, fingerprint().getBytes(StandardCharsets.UTF_8));
        Payloads.writeBytes(out, settings.hostName().getBytes(StandardCharsets.UTF_8));
        Payloads.writeBytes(out, CertificateRequests.create(keys, settings.hostName()));
        return out;
    }

    /** The broker accepted the enrolment: keep the identity, and write it to the state folder if there is one. */
    void enrolled(String enrolledName, List<X509Certificate> chain) {
        this.identity = new Identity(keys.getPrivate(), chain);
        this.name = enrolledName;
        this.pendingKey = null;
        if (settings.stateDir() != null) {
            try {
                PemFiles.ownerOnlyDirectory(settings.stateDir());
                PemFiles.writePrivateKey(settings.stateDir().resolve(enrolledName + ".key"), keys.getPrivate());
                PemFiles.writeCertificates(settings.stateDir().resolve(enrolledName + ".pem"), chain);
            } catch (IOException e) {
                events.record(NetEvents.Kind.ENROLL_REFUSED, enrolledName, zenlab.model.Cause.NONE,
                        "enrolled, but cannot keep the certificate: " + e.getMessage(), 0);
            }
        }
    }

    /**
     * Takes back the identity this host enrolled with before (a restarted lab's state folder):
     * it connects without enrolling again, presenting the same certificate and fingerprint.
     */
    public void restore(String enrolledName, Identity kept) {
        this.identity = kept;
        this.name = enrolledName;
    }

    /** A connection closed; if it was serving and nobody here closed it, the connection was lost. */
    void connectionClosed(Channel channel, boolean wasServing, zenlab.model.Cause cause) {
        boolean unexpected;
        synchronized (channels) {
            unexpected = channels.remove(channel) && wasServing;
        }
        if (unexpected) {
            lostListener.accept(cause);
        }
    }

    /** Called (on an event loop) when a serving connection closes without {@link #close()}: the broker went away. */
    public void onConnectionLost(java.util.function.Consumer<zenlab.model.Cause> listener) {
        this.lostListener = listener;
    }

    /**
     * Pauses for an upgrade: tells the broker on the control connection to give it no new
     * mtunnels, and refuses any BrkRq still coming with PAUSED_FOR_UPGRADE. Over at the next connect.
     */
    public void pause() {
        paused = true;
        onControlConnections(c -> c.writeAndFlush(zenlab.net.tunnel.Frame.empty(zenlab.net.tunnel.FrameType.PAUSE, 0)));
    }

    /** Runs {@code send} for each authenticated control connection (one per broker this connector is connected to). */
    private void onControlConnections(java.util.function.Consumer<Channel> send) {
        List<Channel> open;
        synchronized (channels) {
            open = new ArrayList<>(channels);
        }
        for (Channel c : open) {
            ConnectorConnectionHandler h = c.pipeline().get(ConnectorConnectionHandler.class);
            if (h != null && h.isControl()) {
                send.accept(c);
            }
        }
    }

    boolean paused() {
        return paused;
    }

    /**
     * AppHealth: tells the broker on the control connection whether this connector can reach
     * {@code app} now, so the broker gives its mtunnels to others meanwhile (what the vendor's
     * health reporting does). Until the next connect, where the broker starts afresh.
     */
    public void reportAppHealth(String app, boolean reachable) {
        onControlConnections(c -> {
            io.netty.buffer.ByteBuf payload = zenlab.net.tunnel.Payloads.strings(c.alloc(), app);
            payload.writeBoolean(reachable);
            c.writeAndFlush(new zenlab.net.tunnel.Frame(zenlab.net.tunnel.FrameType.APP_HEALTH, 0, payload));
        });
    }

    /** Where the connector reaches {@code app} from now on; an unresolved address stands for a DNS failure. */
    public void setAppAddress(String app, InetSocketAddress address) {
        apps.put(app, address);
    }

    /** The hardware fingerprint this host presents now. */
    public String fingerprint() {
        return Fingerprint.of(macAddress, settings.hostId());
    }

    /** A new MAC address (a NIC replaced, a VM cloned or migrated): the next Hello presents another fingerprint. */
    public void changeMacAddress(String newMac) {
        this.macAddress = newMac;
    }

    /** "Certificate will expire in N days", on this host's own clock; -1 before enrolment. */
    public long certificateDaysLeft() {
        Identity id = identity;
        if (id == null) {
            return -1;
        }
        return Duration.between(settings.clock().instant(), id.certificate().getNotAfter().toInstant()).toDays();
    }

    public String name() {
        return name;
    }

    public Identity identity() {
        return identity;
    }

    /** Open connections to brokers now (control and data). */
    public int openConnections() {
        synchronized (channels) {
            return (int) channels.stream().filter(Channel::isActive).count();
        }
    }

    InetSocketAddress appAddress(String app) {
        return apps.get(app);
    }

    ConnectorSettings settings() {
        return settings;
    }

    Transport transport() {
        return transport;
    }

    NetEvents events() {
        return events;
    }

    /** Closes every connection; mtunnels on them end at the broker with CONNECTION_LOST. */
    @Override
    public void close() {
        List<Channel> open;
        synchronized (channels) {
            open = new ArrayList<>(channels);
            channels.clear(); // closed on purpose: not a lost connection
        }
        for (Channel c : open) {
            c.close().syncUninterruptibly();
        }
    }
}
