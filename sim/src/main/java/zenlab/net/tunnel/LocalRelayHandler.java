package zenlab.net.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import zenlab.model.Cause;

/**
 * The handler on an mtunnel's local channel (the user's client at the broker, the app at the
 * connector): reads go to the mtunnel, and a local peer that stops reading for longer than the
 * stall timeout is cut off with {@link Cause#CLIENT_NOT_READING}.
 */
public final class LocalRelayHandler extends ChannelInboundHandlerAdapter {

    private final long stallTimeoutMs;
    private Mtunnel mtunnel;
    private boolean closedBeforeAttach;
    private ScheduledFuture<?> stallCheck;

    public LocalRelayHandler(long stallTimeoutMs) {
        this.stallTimeoutMs = stallTimeoutMs;
    }

    /** Connects the handler to its mtunnel, on the channel's loop. */
    public void attach(Mtunnel m) {
        this.mtunnel = m;
        if (closedBeforeAttach) {
            m.onLocalClosed();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (mtunnel == null) {
            ((ByteBuf) msg).release(); // reads start only once bound; this cannot happen, but never leak
            return;
        }
        mtunnel.onLocalData((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (mtunnel != null) {
            mtunnel.onLocalReadComplete();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent && mtunnel != null) {
            mtunnel.onLocalInputShutdown();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && stallCheck == null && stallTimeoutMs > 0) {
            stallCheck = ctx.executor().schedule(() -> {
                stallCheck = null;
                if (!ctx.channel().isWritable() && mtunnel != null) {
                    mtunnel.cut(Cause.CLIENT_NOT_READING);
                }
            }, stallTimeoutMs, TimeUnit.MILLISECONDS);
        } else if (ctx.channel().isWritable() && stallCheck != null) {
            stallCheck.cancel(false);
            stallCheck = null;
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        if (mtunnel != null) {
            mtunnel.onLocalClosed();
        } else {
            closedBeforeAttach = true;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset by the local peer; channelInactive ends the mtunnel
    }
}
