package zenlab.net.epoll;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.Native;
import java.lang.reflect.Method;

/**
 * Keeps EPOLLERR (which the kernel reports anyway) in an epoll socket's interest set, so that
 * set never becomes empty.
 *
 * <p>Why: with Netty 4.2.18, a peer's FIN makes an epoll channel read what its socket holds and
 * shut its input down even while the channel is not reading (autoRead off), and clears its
 * interest flags. When the set empties, the channel's epoll registration deletes the socket from
 * epoll but still believes it added, so the next change (EPOLLOUT for a write the socket cannot
 * take at once, EPOLLIN) fails in {@code epoll_ctl(MOD)} with ENOENT and the channel is closed:
 * an mtunnel whose client sent its request and half-closed lost the answer. Netty's flag setter
 * is not public, hence the reflection.
 */
public final class EpollInterest {

    private static final Method SET_FLAG;

    static {
        try {
            SET_FLAG = Class.forName("io.netty.channel.epoll.AbstractEpollChannel").getDeclaredMethod("setFlag", int.class);
            SET_FLAG.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EpollInterest() {
    }

    /** Before registration the flag only joins the initial interest set; after, it is submitted at once. */
    public static <C extends Channel> C keepErrorInterest(C channel) {
        try {
            SET_FLAG.invoke(channel, Native.EPOLLERR);
            return channel;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot keep EPOLLERR on " + channel, e);
        }
    }

    /** On a server socket's pipeline: each accepted socket gets the flag before it is registered. */
    @ChannelHandler.Sharable
    public static final class OnAccept extends ChannelInboundHandlerAdapter {
        public static final OnAccept INSTANCE = new OnAccept();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            ctx.fireChannelRead(keepErrorInterest((Channel) accepted));
        }
    }
}
