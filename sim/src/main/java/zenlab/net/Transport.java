package zenlab.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.ChannelFactory;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket transport: Java NIO, or native epoll; event loops from Netty 4.2's
 * {@link MultiThreadIoEventLoopGroup}.
 *
 * <p>NIO is the default, though epoll relays faster (README, "Data path speed"). With native
 * epoll (Netty 4.2.18), a peer's FIN makes Netty read everything the socket holds even while the
 * channel is not reading (autoRead off: a user's client before its mtunnel is bound, or one held
 * back by flow control), and when that empties the channel's interest set its epoll registration
 * deletes the socket but still believes it added, so the next read fails (epoll_ctl: ENOENT).
 * A client that sends its request and half-closes before the bind lost its mtunnel.
 * {@code LinkProxyTest.shouldCarryShortHalfClosedMtunnelsOneAfterAnother} shows it on epoll.
 */
public enum Transport {
    EPOLL, NIO;

    public static Transport preferred() {
        return NIO;
    }

    /** Whether native epoll loads on this machine (for experiments; see the caveat above). */
    public static boolean epollAvailable() {
        return Epoll.isAvailable();
    }

    public EventLoopGroup group(int threads, String name) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory(name, true), factory);
    }

    /** Server sockets, for {@code ServerBootstrap.channelFactory}. */
    public ChannelFactory<ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
    }

    /** Sockets we dial, for {@code Bootstrap.channelFactory}. */
    public ChannelFactory<SocketChannel> channel() {
        return this == EPOLL ? EpollSocketChannel::new : NioSocketChannel::new;
    }
}
