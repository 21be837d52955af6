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
 *
 * <p>Reads start only once the mtunnel is bound, but a transport may deliver bytes unasked
 * (Netty's epoll reads whatever an event finds), even before the mtunnel is attached: those are
 * kept, in order, and handed over at {@link #attach}. Dropping them lost the first bytes of about
 * one user in 10,000 under churn (FabricSoak), whose echo then never came back whole.
 */
public final class LocalRelayHandler extends ChannelInboundHandlerAdapter {

    private final long stallTimeoutMs;
    private Mtunnel mtunnel;
    private final java.util.ArrayDeque<ByteBuf> beforeAttach = new java.util.ArrayDeque<>();
    private boolean inputShutdownBeforeAttach;
    private boolean closedBeforeAttach;
    private ScheduledFuture<?> stallCheck;

    public LocalRelayHandler(long stallTimeoutMs) {
        this.stallTimeoutMs = stallTimeoutMs;
    }

    /** Connects the handler to its mtunnel, on the channel's loop. */
    public void attach(Mtunnel m) {
        this.mtunnel = m;
        ByteBuf early;
        while ((early = beforeAttach.poll()) != null) {
            m.onLocalData(early); // the mtunnel holds them until it is bound
        }
        if (inputShutdownBeforeAttach) {
            m.onLocalInputShutdown();
        }
        if (closedBeforeAttach) {
            m.onLocalClosed();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (mtunnel == null) {
            beforeAttach.add((ByteBuf) msg); // read unasked before the mtunnel exists: kept for it
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
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            if (mtunnel != null) {
                mtunnel.onLocalInputShutdown();
            } else {
                inputShutdownBeforeAttach = true;
            }
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
            ByteBuf early;
            while ((early = beforeAttach.poll()) != null) {
                early.release(); // the peer is gone: nobody will read them, and the mtunnel ends at attach
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.nio.channels.NotYetConnectedException) {
            // Netty's epoll may try to read a socket still connecting to the app: under churn on
            // loopback a SYN can meet what is left of an earlier connection from the same port, and
            // the kernel sends it again a second later. Closing here failed the connect
            // (ClosedChannelException: the mtunnel refused APP_UNREACHABLE); letting it be lets it connect.
            return;
        }
        ctx.close(); // a reset by the local peer; channelInactive ends the mtunnel
    }
}
