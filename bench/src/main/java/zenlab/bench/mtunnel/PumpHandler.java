package zenlab.bench.mtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A load client's stream: writes one shared read-only chunk again and again while the channel is
 * writable, so the sender is never the bottleneck and never buffers more than its water mark.
 */
public final class PumpHandler extends ChannelInboundHandlerAdapter {

    private final ByteBuf chunk;
    private final boolean afterTlsHandshake;
    private volatile boolean stopped;
    private boolean started;

    /** @param afterTlsHandshake wait for the TLS handshake (a TLS handler buffers writes before it, unseen by writability) */
    public PumpHandler(ByteBuf chunk, boolean afterTlsHandshake) {
        this.chunk = chunk;
        this.afterTlsHandshake = afterTlsHandshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!afterTlsHandshake) {
            started = true;
            pump(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent done && done.isSuccess()) {
            started = true;
            pump(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    private void pump(ChannelHandlerContext ctx) {
        while (started && !stopped && ctx.channel().isWritable()) {
            ctx.write(chunk.retainedDuplicate());
        }
        ctx.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ((ByteBuf) msg).release();
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
