package zenlab.net.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A user's client: pushes bytes at a steady rate through its mtunnel to an echo app and counts
 * what comes back, which is what the path carried end to end.
 *
 * <p>Like a request-response app, it keeps at most {@code inFlightLimitBytes} sent and not yet
 * echoed, so a path slower than its rate holds it back instead of filling every buffer on the
 * way; an mtunnel closed while throttled then wastes little of the link. A tick tops up its
 * allowance and writes while the channel is writable: every 10 ms, or for a slow client as
 * often as {@value #MIN_WRITE_BYTES} bytes accrue but at least every 500 ms. Thousands of slow
 * users writing a few dozen bytes every 10 ms would cost the machine a system call (and a TLS
 * record at each hop) per few bytes, and so measure the lab, not their mtunnels. Up to half a second of rate is
 * saved up, so a client held back by a short pause (a garbage collection, a busy core) catches
 * up, as the model's constant rate assumes, while one under a lasting limit carries what it can
 * and, once the limit lifts, sends no more than that half second's worth ahead. The ticks end
 * with the channel.
 */
public final class PacedEchoClient extends ChannelInboundHandlerAdapter {

    static final long MIN_TICK_NS = 10_000_000L;
    static final long MAX_TICK_NS = 500_000_000L;
    static final int MIN_WRITE_BYTES = 4 * 1024;
    private static final long MAX_SAVED_NS = 500_000_000L;
    private static final int CHUNK_BYTES = 16 * 1024;
    /** Pseudo-random bytes, shared read-only: what users send does not matter to TLS, only how much. */
    private static final byte[] PAYLOAD = new byte[CHUNK_BYTES];

    static {
        new SplittableRandom(42).nextBytes(PAYLOAD);
    }

    private final double bytesPerNs;
    private final long inFlightLimitBytes;
    private final long tickNs;
    private double allowanceBytes;
    private long lastTickNs;
    private volatile long sentBytes; // both written by the event loop only, read by anyone
    private volatile long receivedBytes;
    private ScheduledFuture<?> ticks;

    /**
     * @param bytesPerSecond     the rate to push, on the wall clock
     * @param inFlightLimitBytes most bytes sent and not yet echoed back
     */
    public PacedEchoClient(double bytesPerSecond, long inFlightLimitBytes) {
        if (!(bytesPerSecond >= 0) || inFlightLimitBytes < 1) {
            throw new IllegalArgumentException("rate " + bytesPerSecond + " B/s, in flight " + inFlightLimitBytes);
        }
        this.bytesPerNs = bytesPerSecond / 1e9;
        this.inFlightLimitBytes = inFlightLimitBytes;
        this.tickNs = bytesPerNs > 0 ? Math.max(MIN_TICK_NS, Math.min(MAX_TICK_NS, (long) (MIN_WRITE_BYTES / bytesPerNs)))
                : MAX_TICK_NS;
    }

    /** How often it writes, in nanoseconds. */
    public long tickNs() {
        return tickNs;
    }

    /** Bytes written towards the app so far. */
    public long sentBytes() {
        return sentBytes;
    }

    /** Bytes the app echoed back so far. */
    public long receivedBytes() {
        return receivedBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastTickNs = System.nanoTime();
        if (bytesPerNs > 0) {
            ticks = ctx.executor().scheduleAtFixedRate(() -> push(ctx), 0, tickNs, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    private void push(ChannelHandlerContext ctx) {
        long nowNs = System.nanoTime();
        allowanceBytes = Math.min(allowanceBytes + (nowNs - lastTickNs) * bytesPerNs,
                MAX_SAVED_NS * bytesPerNs + CHUNK_BYTES);
        lastTickNs = nowNs;
        boolean wrote = false;
        while (ctx.channel().isWritable()) {
            long room = inFlightLimitBytes - (sentBytes - receivedBytes);
            int n = (int) Math.min(CHUNK_BYTES, Math.min(room, (long) allowanceBytes));
            if (n < 1) {
                break;
            }
            ctx.write(Unpooled.wrappedBuffer(PAYLOAD, 0, n));
            sentBytes += n;
            allowanceBytes -= n;
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf echoed = (ByteBuf) msg;
        receivedBytes += echoed.readableBytes();
        echoed.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ticks != null) {
            ticks.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
