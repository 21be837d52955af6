package zenlab.net.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.pki.CertificateAuthority;

/**
 * What an SSL-inspecting firewall does: terminates the connector's TLS with a certificate for
 * the broker's name forged by its own CA, opens its own TLS to the real broker, and relays the
 * plaintext between them (counting it). A connector that pins the cloud's CA refuses the forged
 * certificate, so nothing is ever relayed.
 */
public final class InspectingProxy implements AutoCloseable {

    private final Channel listener;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final LongAdder plaintextBytes = new LongAdder();

    public InspectingProxy(String brokerName, InetSocketAddress broker, TlsProvider provider, Transport transport,
                           EventLoopGroup group) throws SSLException, InterruptedException {
        CertificateAuthority inspectionCa = CertificateAuthority.root("Corporate SSL Inspection CA", Instant.now(),
                Duration.ofDays(365));
        KeyPair keys = CertificateAuthority.newKeyPair();
        X509Certificate forged = inspectionCa.issueServer(brokerName, keys.getPublic(), Instant.now(), Duration.ofDays(30));
        SslContext towardsConnector = SslContextBuilder.forServer(keys.getPrivate(), forged, inspectionCa.certificate())
                .sslProvider(provider.netty()).build();
        SslContext towardsBroker = SslContextBuilder.forClient().sslProvider(provider.netty())
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        this.listener = transport.serverBootstrap(group)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel inbound) {
                        connections.add(inbound);
                        inbound.pipeline().addLast(towardsConnector.newHandler(inbound.alloc()), new Relay(inbound, broker,
                                towardsBroker, transport));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Plaintext bytes the proxy has seen and relayed, either way: zero unless a connector trusted it. */
    public long plaintextBytes() {
        return plaintextBytes.sum();
    }

    /** Relays the decrypted bytes of one connection to a new TLS connection to the broker, as Netty's proxy example does. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel inbound;
        private final InetSocketAddress broker;
        private final SslContext tls;
        private final Transport transport;
        private Channel outbound;

        Relay(Channel inbound, InetSocketAddress broker, SslContext tls, Transport transport) {
            this.inbound = inbound;
            this.broker = broker;
            this.tls = tls;
            this.transport = transport;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            outbound = transport.bootstrap(inbound.eventLoop())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext c, Object msg) {
                                    plaintextBytes.add(((ByteBuf) msg).readableBytes());
                                    inbound.writeAndFlush(msg);
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext c) {
                                    inbound.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                                    // The broker requires a connector's certificate, which a proxy never has.
                                    c.close();
                                }
                            });
                        }
                    })
                    .connect(broker).addListener(done -> inbound.read()).channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            plaintextBytes.add(((ByteBuf) msg).readableBytes());
            outbound.writeAndFlush(msg).addListener(done -> inbound.read());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (outbound != null) {
                outbound.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the connector refused the forged certificate
        }
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
    }
}
