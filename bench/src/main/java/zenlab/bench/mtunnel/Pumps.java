package zenlab.bench.mtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import zenlab.net.Transport;

/** {@code streams} load clients pumping bytes to one address, each its own TCP connection; stopped and closed together. */
public final class Pumps implements AutoCloseable {

    public static final int CHUNK_BYTES = 64 * 1024;

    private final ByteBuf chunk = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(CHUNK_BYTES).writeZero(CHUNK_BYTES).asReadOnly());
    private final List<Channel> channels = new ArrayList<>();
    private final List<PumpHandler> pumps = new ArrayList<>();

    public Pumps(InetSocketAddress target, int streams, EventLoopGroup group) throws InterruptedException {
        this(target, streams, group, null);
    }

    /** @param before a handler to put before each pump (a TLS handler for the raw baseline), or null */
    public Pumps(InetSocketAddress target, int streams, EventLoopGroup group, Supplier<ChannelHandler> before)
            throws InterruptedException {
        Transport transport = Transport.preferred();
        for (int i = 0; i < streams; i++) {
            PumpHandler pump = new PumpHandler(chunk, before != null);
            pumps.add(pump);
            Channel ch = transport.bootstrap(group)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            if (before != null) {
                                c.pipeline().addLast(before.get());
                            }
                            c.pipeline().addLast(pump);
                        }
                    })
                    .connect(target).sync().channel();
            channels.add(ch);
        }
    }

    @Override
    public void close() {
        pumps.forEach(PumpHandler::stop);
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
