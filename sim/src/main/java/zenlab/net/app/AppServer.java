package zenlab.net.app;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import zenlab.net.Transport;

/** A built-in app on 127.0.0.1, beside the connectors: an echo, a sink or an HTTP file server. */
public final class AppServer implements AutoCloseable {

    /** What the app does. */
    public enum Kind { ECHO, SINK, HTTP }

    private final Channel listener;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final LongAdder bytesReceived = new LongAdder();
    private final Kind kind;

    private AppServer(Kind kind, Transport transport, EventLoopGroup group, int port, Path httpRoot)
            throws InterruptedException {
        this.kind = kind;
        this.listener = transport.serverBootstrap(group)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        switch (kind) {
                            case ECHO -> ch.pipeline().addLast(new EchoHandler());
                            case SINK -> ch.pipeline().addLast(new SinkHandler(bytesReceived));
                            case HTTP -> ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new ChunkedWriteHandler(), new HttpFileHandler(httpRoot));
                            default -> throw new IllegalStateException(kind.name());
                        }
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    public static AppServer start(Kind kind, Transport transport, EventLoopGroup group, int port, Path httpRoot)
            throws InterruptedException {
        return new AppServer(kind, transport, group, port, httpRoot);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public Kind kind() {
        return kind;
    }

    /** Bytes a sink has taken so far. */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
    }
}
