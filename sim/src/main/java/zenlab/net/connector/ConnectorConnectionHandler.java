package zenlab.net.connector;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import zenlab.model.Cause;
import zenlab.net.NetEvents;
import zenlab.net.NetFailure;
import zenlab.net.pki.PemFiles;
import zenlab.net.tunnel.FailureCauses;
import zenlab.net.tunnel.Frame;
import zenlab.net.tunnel.FrameType;
import zenlab.net.tunnel.LocalRelayHandler;
import zenlab.net.tunnel.Mtunnel;
import zenlab.net.tunnel.MtunnelTable;
import zenlab.net.tunnel.Payloads;

/**
 * One connection of a connector to a broker, always dialled out: an enrolment (one request,
 * one answer), the control connection, or a data connection that serves mtunnels. For each
 * BrkRq it connects to the app, answers BrkRqAck and BindReq, and relays once bound.
 */
final class ConnectorConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    enum Role { ENROL, CONTROL, DATA }

    /** An app socket turns unwritable above this much unsent (below one mtunnel window, as at the broker). */
    private static final WriteBufferWaterMark APP_WATER_MARK = new WriteBufferWaterMark(32 * 1024, Mtunnel.WINDOW_BYTES / 2);
    private static final int APP_CONNECT_TIMEOUT_MS = 5_000;

    private final Connector connector;
    private final Role role;
    private final CompletableFuture<?> ready; // enrolment: the name; control, data: authenticated
    private final MtunnelTable mtunnels = new MtunnelTable();
    /** Streams whose app connection is under way (tunnel loop only): an END for one cancels it. */
    private final java.util.Set<Integer> connecting = new java.util.HashSet<>();
    private boolean authenticated;
    private Cause closeCause = Cause.CONNECTION_LOST; // why this side cut it, if it did

    /** The connect() this connection belongs to: a newer one supersedes it at the broker. */
    private final long session;

    ConnectorConnectionHandler(Connector connector, Role role, CompletableFuture<?> ready, long session) {
        this.session = session;
        this.connector = connector;
        this.role = role;
        this.ready = ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                fail(ctx, FailureCauses.of(done.cause()), FailureCauses.message(done.cause()));
                return;
            }
            if (role == Role.ENROL) {
                ctx.writeAndFlush(new Frame(FrameType.ENROLL_REQUEST, 0, connector.enrolmentRequest(ctx.alloc())));
            } else {
                ByteBuf hello = ctx.alloc().buffer();
                hello.writeByte(role == Role.CONTROL ? FrameType.ROLE_CONTROL : FrameType.ROLE_DATA);
                Payloads.writeBytes(hello, connector.fingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Payloads.writeBytes(hello, Connector.VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                hello.writeLong(session);
                ctx.writeAndFlush(new Frame(FrameType.HELLO, 0, hello));
            }
        } else if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Frame.empty(FrameType.PING, 0));
            } else if (idle.state() == IdleState.READER_IDLE) {
                fail(ctx, Cause.PEER_STALLED, "the broker sent nothing for " + connector.settings().idleTimeoutMs() + " ms");
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) throws CertificateException {
        ByteBuf in = frame.content();
        switch (frame.type()) {
            case FrameType.PING -> ctx.writeAndFlush(Frame.empty(FrameType.PONG, 0));
            case FrameType.PONG -> { }
            case FrameType.ENROLL_ACCEPTED -> {
                String name = Payloads.readString(in);
                connector.enrolled(name, PemFiles.readCertificates(Payloads.readString(in)));
                ((CompletableFuture<String>) ready).complete(name);
                ctx.close();
            }
            case FrameType.ENROLL_REFUSED, FrameType.AUTH_FAILED -> {
                Cause cause = Payloads.readCause(in);
                connector.events().record(frame.type() == FrameType.ENROLL_REFUSED ? NetEvents.Kind.ENROLL_REFUSED
                        : NetEvents.Kind.AUTH_FAILED, connector.name(), cause, Payloads.readString(in), 0);
                ready.completeExceptionally(new NetFailure(cause, cause.message()));
                ctx.close();
            }
            case FrameType.AUTHENTICATED -> {
                authenticated = true;
                connector.events().record(NetEvents.Kind.AUTHENTICATED, connector.name(), Cause.NONE,
                        role.name().toLowerCase() + " connection to " + ctx.channel().remoteAddress(), 0);
                ((CompletableFuture<Void>) ready).complete(null);
            }
            case FrameType.BRK_RQ -> serve(ctx, frame.stream(), Payloads.readString(in));
            default -> onMtunnelFrame(ctx, frame);
        }
    }

    /** BrkRq: reach the app, then BrkRqAck and BindReq; or BrkRqAck with why not. */
    private void serve(ChannelHandlerContext ctx, int stream, String app) {
        Channel tunnel = ctx.channel();
        if (role != Role.DATA || !authenticated) {
            fail(ctx, Cause.PROTOCOL_ERROR, "BrkRq on a " + role.name().toLowerCase() + " connection");
            return;
        }
        if (connector.paused()) {
            connector.events().record(NetEvents.Kind.MTUNNEL_REFUSED, connector.name(), Cause.PAUSED_FOR_UPGRADE, app, 0);
            tunnel.writeAndFlush(new Frame(FrameType.BRK_RQ_ACK, stream, Payloads.cause(tunnel.alloc(), Cause.PAUSED_FOR_UPGRADE)));
            return;
        }
        InetSocketAddress address = connector.appAddress(app);
        if (address == null) {
            refuse(tunnel, stream, app, "not an app this connector serves");
            return;
        }
        if (address.isUnresolved()) {
            refuse(tunnel, stream, app, "cannot resolve " + address.getHostString()); // a DNS failure on this host
            return;
        }
        LocalRelayHandler relay = new LocalRelayHandler(0); // an app that stops reading is held by credit alone
        // The app socket on the tunnel's loop: no hops between them.
        ChannelFuture connect = connector.transport().bootstrap(tunnel.eventLoop())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, APP_CONNECT_TIMEOUT_MS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, APP_WATER_MARK)
                .handler(relay)
                .connect(address);
        connecting.add(stream);
        connect.addListener(done -> {
            boolean cancelled = !connecting.remove(stream); // the broker's END came while we connected
            if (cancelled) {
                connect.channel().close();
                return;
            }
            if (!done.isSuccess() || !tunnel.isActive()) {
                connect.channel().close();
                refuse(tunnel, stream, app, FailureCauses.message(done.cause() == null ? new IllegalStateException(
                        "tunnel closed") : done.cause()));
                return;
            }
            Mtunnel m = new Mtunnel(tunnel, stream, connect.channel(), mtunnels, (mt, cause, here) -> { });
            mtunnels.put(m);
            relay.attach(m);
            tunnel.write(new Frame(FrameType.BRK_RQ_ACK, stream, Payloads.cause(tunnel.alloc(), Cause.NONE)));
            tunnel.writeAndFlush(Frame.empty(FrameType.BIND_REQ, stream));
        });
    }

    private void refuse(Channel tunnel, int stream, String app, String why) {
        connector.events().record(NetEvents.Kind.MTUNNEL_REFUSED, connector.name(), Cause.APP_UNREACHABLE, app + ": " + why, 0);
        tunnel.writeAndFlush(new Frame(FrameType.BRK_RQ_ACK, stream, Payloads.cause(tunnel.alloc(), Cause.APP_UNREACHABLE)));
    }

    private void onMtunnelFrame(ChannelHandlerContext ctx, Frame frame) {
        Mtunnel m = mtunnels.get(frame.stream());
        if (m == null) {
            if (frame.type() == FrameType.END && connecting.remove(frame.stream())) {
                return; // the user left while we reached the app: that connection is closed once it completes
            }
            if (frame.continued()) {
                return; // its first piece was answered
            }
            if (frame.type() == FrameType.DATA || frame.type() == FrameType.BIND_REQ_ACK) {
                connector.events().record(NetEvents.Kind.MTUNNEL_ENDED, connector.name(), Cause.UNKNOWN_MTUNNEL,
                        FrameType.name(frame.type()) + " for mtunnel " + frame.stream(), 0);
                ctx.writeAndFlush(new Frame(FrameType.END, frame.stream(), Payloads.cause(ctx.alloc(), Cause.UNKNOWN_MTUNNEL)));
            }
            return;
        }
        switch (frame.type()) {
            case FrameType.BIND_REQ_ACK -> m.bind();
            case FrameType.DATA -> m.onRemoteData(frame.content().retain());
            case FrameType.WINDOW_UPDATE -> m.onWindowUpdate(frame.content().readInt());
            case FrameType.END -> m.onRemoteEnd(Payloads.readCause(frame.content()));
            case FrameType.FIN -> m.onRemoteFin();
            default -> fail(ctx, Cause.PROTOCOL_ERROR, FrameType.name(frame.type()) + " from a broker");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        mtunnels.flushAll();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        mtunnels.forEach(m -> m.onTunnelWritabilityChanged(writable));
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        mtunnels.endAll(Cause.CONNECTION_LOST);
        if (!ready.isDone()) {
            ready.completeExceptionally(new NetFailure(Cause.CONNECTION_LOST, "the broker closed the connection"));
        }
        connector.connectionClosed(ctx.channel(), role != Role.ENROL && authenticated, closeCause);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
        fail(ctx, FailureCauses.of(failure), FailureCauses.message(failure));
    }

    private void fail(ChannelHandlerContext ctx, Cause cause, String why) {
        closeCause = cause;
        if (!ready.isDone()) {
            connector.events().record(NetEvents.Kind.CONNECTION_REFUSED, connector.name(), cause, why, 0);
            ready.completeExceptionally(new NetFailure(cause, why));
        } else if (ctx.channel().isActive()) {
            connector.events().record(NetEvents.Kind.CONNECTION_CUT, connector.name(), cause, why, 0);
        }
        ctx.close();
    }

    boolean isControl() {
        return role == Role.CONTROL && authenticated;
    }

    List<Mtunnel> mtunnelsNow() {
        List<Mtunnel> all = new java.util.ArrayList<>();
        mtunnels.forEach(all::add);
        return all;
    }
}
