package zenlab.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.ChannelFactory;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import zenlab.net.epoll.EpollInterest;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket transport: native epoll where it loads (Linux), NIO elsewhere; event loops from
 * Netty 4.2's {@link MultiThreadIoEventLoopGroup}.
 *
 * <p>Netty 4.2.18's epoll needs two things of us. A peer's FIN makes it read what the socket
 * holds even while the channel is not reading, so whoever reads must take unasked-for bytes
 * ({@link zenlab.net.tunnel.Mtunnel} holds them until the bind and within credit); and when that
 * empties a socket's interest set, the socket drops out of epoll while Netty thinks it is there,
 * so every epoll socket keeps a flag that never clears ({@link EpollInterest}).
 * {@code LinkProxyTest.shouldCarryShortHalfClosedMtunnelsOneAfterAnother} lost mtunnels without them.
 */
public enum Transport {
    EPOLL, NIO;

    public static Transport preferred() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public EventLoopGroup group(int threads, String name) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory(name, true), factory);
    }

    /**
     * Every socket's buffers come from Netty's pooled allocator, not 4.2's default adaptive one:
     * with 16 streams in flight the adaptive allocator kept allocating and zeroing fresh direct
     * chunks for the TLS records it wraps (13% of the broker's loop in an async-profiler run),
     * and measured side by side the pooled one carried 16 streams at 0.82-0.89 GB/s against
     * 0.66-0.70 and one stream at 0.99 against 0.84 (docs/performance.md, "Against peers").
     */
    public static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    /** A listener's bootstrap: this transport's server sockets on {@code group}, pooled buffers. */
    public ServerBootstrap serverBootstrap(EventLoopGroup group) {
        return new ServerBootstrap().group(group).channelFactory(serverChannel())
                .option(ChannelOption.ALLOCATOR, ALLOCATOR)
                .childOption(ChannelOption.ALLOCATOR, ALLOCATOR);
    }

    /** A dialling bootstrap: this transport's sockets on {@code group}, pooled buffers. */
    public Bootstrap bootstrap(EventLoopGroup group) {
        return new Bootstrap().group(group).channelFactory(channel()).option(ChannelOption.ALLOCATOR, ALLOCATOR);
    }

    /** Server sockets, for {@code ServerBootstrap.channelFactory}. */
    public ChannelFactory<ServerChannel> serverChannel() {
        if (this == NIO) {
            return NioServerSocketChannel::new;
        }
        return () -> {
            EpollServerSocketChannel server = new EpollServerSocketChannel();
            server.pipeline().addLast(EpollInterest.OnAccept.INSTANCE); // runs before the acceptor registers each child
            return server;
        };
    }

    /** Sockets we dial, for {@code Bootstrap.channelFactory}. */
    public ChannelFactory<SocketChannel> channel() {
        return this == EPOLL ? () -> EpollInterest.keepErrorInterest(new EpollSocketChannel()) : NioSocketChannel::new;
    }
}
