package zenlab.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
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
 * <p>NIO is the default. With native epoll (Netty 4.2.18), a peer's FIN that arrives while a
 * channel is not reading (autoRead off: a user's client before its mtunnel is bound, or an
 * mtunnel held back by flow control) leaves the channel with no events registered, and its next
 * read fails (epoll_ctl: ENOENT): an mtunnel whose client sends its request and half-closes
 * before the bind is lost. LinkProxyTest and the data path tests reproduce it on epoll.
 */
public enum Transport {
    EPOLL, NIO;

    public static Transport preferred() {
        return NIO;
    }

    /** Native epoll if this machine loads it; for benchmarks and experiments, knowing the caveat above. */
    public static boolean epollAvailable() {
        return Epoll.isAvailable();
    }

    public EventLoopGroup group(int threads, String name) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory(name, true), factory);
    }

    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> channel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
