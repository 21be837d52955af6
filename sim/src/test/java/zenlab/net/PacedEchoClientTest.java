package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zenlab.net.app.AppServer;
import zenlab.net.load.PacedEchoClient;

/** A user's client keeps to its rate, and to its limit of unanswered bytes when the app does not answer. */
class PacedEchoClientTest {

    private final Transport transport = Transport.preferred();
    private final EventLoopGroup group = transport.group(1, "paced-client");

    @AfterEach
    void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        NettyLeaks.assertNone();
    }

    private Channel connect(AppServer app, PacedEchoClient client) throws InterruptedException {
        return new Bootstrap().group(group).channelFactory(transport.channel()).handler(client)
                .connect(app.address()).sync().channel();
    }

    /** Waits until the client has counted {@code bytes} of echo, however slow the machine. */
    private static void awaitReceived(PacedEchoClient client, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.receivedBytes() < bytes) {
            assertTrue(System.nanoTime() < deadline, "only " + client.receivedBytes() + " bytes echoed in 30 s");
            Thread.sleep(5);
        }
    }

    @Test
    void shouldPushItsRateAndCountTheEcho() throws Exception {
        AppServer echo = AppServer.start(AppServer.Kind.ECHO, transport, group, 0, null);
        try {
            double bytesPerSecond = 2_000_000;
            PacedEchoClient client = new PacedEchoClient(bytesPerSecond, 1 << 20);
            long startNs = System.nanoTime();
            Channel ch = connect(echo, client);
            awaitReceived(client, (long) (bytesPerSecond / 2)); // half a second's worth: it pushes and counts
            long received = client.receivedBytes();
            double seconds = (System.nanoTime() - startNs) / 1e9;
            ch.close().sync();
            // Never ahead of its rate (the allowance starts empty); a busy machine can only make it later.
            assertTrue(received <= bytesPerSecond * seconds, received + " bytes in " + seconds + " s");
        } finally {
            echo.close();
        }
    }

    /** A slow user writes a few kilobytes at a time, not a few bytes every 10 ms, and still keeps its rate. */
    @Test
    void shouldWriteASlowRateInFewLargerWrites() throws Exception {
        AppServer echo = AppServer.start(AppServer.Kind.ECHO, transport, group, 0, null);
        try {
            double bytesPerSecond = 3_000; // a live fleet's user: 0.0002 Mbps at 120x
            PacedEchoClient client = new PacedEchoClient(bytesPerSecond, 64 * 1024);
            assertEquals(TimeUnit.MILLISECONDS.toNanos(500), client.tickNs(), "at most every 500 ms");
            assertEquals(TimeUnit.MILLISECONDS.toNanos(10), new PacedEchoClient(2_000_000, 1 << 20).tickNs(),
                    "a fast client keeps its 10 ms");
            AtomicInteger writes = new AtomicInteger();
            long startNs = System.nanoTime();
            Channel ch = new Bootstrap().group(group).channelFactory(transport.channel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                                @Override
                                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                                    writes.incrementAndGet();
                                    ctx.write(msg, promise);
                                }
                            }, client);
                        }
                    }).connect(echo.address()).sync().channel();
            awaitReceived(client, (long) bytesPerSecond); // a second's worth
            long received = client.receivedBytes();
            int written = writes.get();
            double seconds = (System.nanoTime() - startNs) / 1e9;
            ch.close().sync();
            // Bounds a slow machine cannot break: a tick every 500 ms at most, never ahead of the rate.
            assertTrue(written <= 2 * seconds + 2, written + " writes in " + seconds + " s: 2 ticks a second at most");
            assertTrue(received <= bytesPerSecond * seconds, received + " bytes in " + seconds + " s");
        } finally {
            echo.close();
        }
    }

    @Test
    void shouldKeepAtMostItsLimitUnansweredWhenTheAppOnlyReads() throws Exception {
        AppServer sink = AppServer.start(AppServer.Kind.SINK, transport, group, 0, null);
        try {
            PacedEchoClient client = new PacedEchoClient(10_000_000, 64 * 1024);
            Channel ch = connect(sink, client);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.sentBytes() < 64 * 1024) {
                assertTrue(System.nanoTime() < deadline, "never reached its limit: " + client.sentBytes());
                Thread.sleep(5);
            }
            Thread.sleep(300); // 3 MB more allowance at 10 MB/s, none of it to be used
            ch.close().sync();
            assertEquals(0, client.receivedBytes(), "a sink answers nothing");
            assertEquals(64 * 1024, client.sentBytes(), "sent without an answer: the limit, no more, no less");
        } finally {
            sink.close();
        }
    }
}
