package zenlab.bench.mtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.pki.Identity;
import zenlab.net.pki.LabPki;

/**
 * The baseline's far end: a TLS 1.3 server that counts and discards, with the same engine and
 * certificate kind as a broker, and its client context. One TLS stream, no relay.
 */
public final class TlsSinkServer implements AutoCloseable {

    private final Channel listener;
    private final LongAdder received = new LongAdder();
    private final SslContext clientContext;

    public TlsSinkServer(TlsProvider provider, EventLoopGroup group) throws Exception {
        Identity identity = LabPki.create(Instant.now()).brokerIdentity("sink.bench", Instant.now());
        SslContext server = SslContextBuilder.forServer(identity.key(), identity.chain().toArray(new X509Certificate[0]))
                .sslProvider(provider.netty()).protocols("TLSv1.3").build();
        clientContext = SslContextBuilder.forClient().sslProvider(provider.netty()).protocols("TLSv1.3")
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        listener = Transport.preferred().serverBootstrap(group)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(server.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                received.add(((ByteBuf) msg).readableBytes());
                                ((ByteBuf) msg).release();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public SslContext clientContext() {
        return clientContext;
    }

    public long bytesReceived() {
        return received.sum();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
    }
}
