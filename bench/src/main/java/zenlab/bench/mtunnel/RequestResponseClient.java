package zenlab.bench.mtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One connection of a closed-loop request/response client: keeps {@code pipeline} requests of
 * {@code messageBytes} outstanding against an echo, and as each response's bytes are back (the
 * echo answers with the request itself) records its latency and sends the next. Runs on its
 * channel's event loop; allocates nothing per request (one shared read-only request buffer,
 * a ring of send times).
 */
public final class RequestResponseClient extends ChannelInboundHandlerAdapter {

    private final ByteBuf request;
    private final int messageBytes;
    private final int pipeline;
    private final LongAdder completed;
    private final Recorder latencyNs;
    private final long[] sentNs;
    private int oldest;
    private int outstanding;
    /** Bytes of the oldest response received so far. */
    private long received;
    private volatile boolean stopped;

    public RequestResponseClient(ByteBuf request, int pipeline, LongAdder completed, Recorder latencyNs) {
        this.request = request;
        this.messageBytes = request.readableBytes();
        this.pipeline = pipeline;
        this.completed = completed;
        this.latencyNs = latencyNs;
        this.sentNs = new long[pipeline];
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        while (outstanding < pipeline) {
            send(ctx);
        }
        ctx.flush();
        ctx.fireChannelActive();
    }

    private void send(ChannelHandlerContext ctx) {
        sentNs[(oldest + outstanding) % pipeline] = System.nanoTime();
        outstanding++;
        ctx.write(request.retainedDuplicate(), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        received += in.readableBytes();
        in.release();
        long now = System.nanoTime();
        boolean sent = false;
        while (received >= messageBytes && outstanding > 0) {
            received -= messageBytes;
            latencyNs.recordValue(now - sentNs[oldest]);
            oldest = (oldest + 1) % pipeline;
            outstanding--;
            completed.increment();
            if (!stopped) {
                send(ctx);
                sent = true;
            }
        }
        if (sent) {
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** No more requests; those outstanding still complete. */
    public void stop() {
        stopped = true;
    }
}
