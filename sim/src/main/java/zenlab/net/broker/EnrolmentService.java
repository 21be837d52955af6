package zenlab.net.broker;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import zenlab.net.NetEvents;
import zenlab.net.TlsContexts;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.pki.Identity;
import zenlab.net.tunnel.FrameCodec;

/**
 * The cloud's enrolment service, apart from its brokers as the vendor's is: the one port a
 * connector without a certificate may reach. Server-authenticated TLS (the cloud's root CA, no
 * client certificate), one EnrollRequest per connection, answered and closed; anything else is
 * cut as a protocol error. Binds 127.0.0.1 only, on an ephemeral port unless told one.
 */
public final class EnrolmentService implements AutoCloseable {

    /** The enrolment host a provisioning key names ({@code 1|enroll.zenlab.local|...}), and its certificate's name. */
    public static final String HOST = "enroll.zenlab.local";

    private final String name;
    private final Tenant tenant;
    private final BrokerSettings settings;
    private final NetEvents events;
    private final SslContext tls;
    private final Transport transport;
    private final EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel listener;
    private InetSocketAddress address;

    /**
     * @param identity the service's server identity, issued by the cloud's root CA for {@code name}
     * @param settings only the handshake and idle timeouts apply
     */
    public EnrolmentService(String name, Tenant tenant, Identity identity, TlsProvider provider, BrokerSettings settings,
                            Transport transport, EventLoopGroup group, NetEvents events) throws SSLException {
        this.name = name;
        this.tenant = tenant;
        this.settings = settings;
        this.events = events;
        this.transport = transport;
        this.group = group;
        this.tls = TlsContexts.enrolment(identity, provider);
    }

    /** Binds the enrolment port on 127.0.0.1 ({@code port} 0: ephemeral) and returns its address. */
    public InetSocketAddress start(int port) throws InterruptedException {
        listener = transport.serverBootstrap(group)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        SslHandler ssl = tls.newHandler(ch.alloc());
                        ssl.setHandshakeTimeoutMillis(settings.handshakeTimeoutMs());
                        ch.pipeline().addLast("tls", ssl)
                                // One request is all a peer may send: silence past the idle timeout ends it.
                                .addLast("idle", new ReadTimeoutHandler(settings.idleTimeoutMs(), TimeUnit.MILLISECONDS))
                                .addLast("frames", new FrameCodec())
                                .addLast("enrolment", new EnrolmentHandler(EnrolmentService.this));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        address = (InetSocketAddress) listener.localAddress();
        return address;
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return address;
    }

    Tenant tenant() {
        return tenant;
    }

    BrokerSettings settings() {
        return settings;
    }

    NetEvents events() {
        return events;
    }

    /** Stops listening and closes the enrolments in progress. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        connections.close().syncUninterruptibly();
    }
}
