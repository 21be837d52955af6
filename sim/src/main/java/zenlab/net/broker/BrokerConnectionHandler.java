package zenlab.net.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import zenlab.model.Cause;
import zenlab.net.NetEvents;
import zenlab.net.pki.Identity;
import zenlab.net.tunnel.FailureCauses;
import zenlab.net.tunnel.Frame;
import zenlab.net.tunnel.FrameType;
import zenlab.net.tunnel.Mtunnel;
import zenlab.net.tunnel.MtunnelTable;
import zenlab.net.tunnel.Payloads;

/**
 * One TLS connection at a broker, from a connector whose certificate the handshake already
 * checked (a peer without one got an alert and never gets here; it enrols at the
 * {@link EnrolmentService}). It says Hello (control or data) and must present the fingerprint
 * bound at its enrolment. Data connections carry mtunnels: BrkRq out, BrkRqAck and BindReq in, then DATA,
 * WINDOW_UPDATE and END either way. Any protocol error, stall or failed handshake cuts the
 * connection with its cause recorded; the broker serves everyone else as before.
 */
public final class BrokerConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    private enum State { HANDSHAKING, OPEN, CONTROL, DATA, CLOSED }

    private final Broker broker;
    private final MtunnelTable mtunnels = new MtunnelTable();
    private State state = State.HANDSHAKING;
    private String peerName; // the connector's certificate name
    private String group;
    private Channel channel;
    private Cause closeCause = Cause.CONNECTION_LOST;

    BrokerConnectionHandler(Broker broker) {
        this.broker = broker;
    }

    MtunnelTable mtunnels() {
        return mtunnels;
    }

    Channel channel() {
        return channel;
    }

    String connectorName() {
        return peerName;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                Cause cause = FailureCauses.of(done.cause());
                broker.events().record(NetEvents.Kind.CONNECTION_REFUSED, broker.name(), cause,
                        "from " + ctx.channel().remoteAddress() + ": " + FailureCauses.message(done.cause()), 0);
                closeQuietly(ctx, cause);
                return;
            }
            state = State.OPEN;
            try {
                peerName = verifiedPeerName(ctx);
                if (peerName == null) { // required at the handshake; never trusted to it alone
                    cut(ctx, Cause.HANDSHAKE_FAILED, "no client certificate");
                }
            } catch (java.security.cert.CertificateException untrusted) {
                // Checked again here: the engine's verdict alone is never what lets a connector in.
                Cause cause = FailureCauses.of(untrusted);
                broker.events().record(NetEvents.Kind.CONNECTION_REFUSED, broker.name(), cause,
                        "from " + ctx.channel().remoteAddress() + ": " + FailureCauses.message(untrusted), 0);
                closeQuietly(ctx, cause);
            }
        } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE && state != State.HANDSHAKING) {
            ctx.writeAndFlush(Frame.empty(FrameType.PING, 0)); // a quiet peer answers Pong; a stalled one does not
        } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            cut(ctx, Cause.PEER_STALLED, "nothing received for " + broker.settings().idleTimeoutMs() + " ms");
        }
    }

    /** The client certificate's name, checked again against the tenant's CA (the handshake required one). */
    private String verifiedPeerName(ChannelHandlerContext ctx) throws java.security.cert.CertificateException {
        Certificate[] chain;
        try {
            chain = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            x509[i] = (X509Certificate) chain[i];
        }
        broker.clientCertificates().check(x509);
        return new Identity(null, java.util.List.of(x509[0])).commonName();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        byte type = frame.type();
        if (type == FrameType.PING) {
            ctx.writeAndFlush(Frame.empty(FrameType.PONG, 0));
            return;
        }
        if (type == FrameType.PONG) {
            return;
        }
        switch (state) {
            case OPEN -> onFirstFrame(ctx, frame);
            case DATA -> onDataFrame(ctx, frame);
            case CONTROL -> {
                if (type == FrameType.PAUSE) {
                    broker.sessions().pause(peerName);
                } else if (type == FrameType.APP_HEALTH) {
                    String app = Payloads.readString(frame.content());
                    broker.sessions().appHealth(peerName, app, frame.content().readBoolean());
                } else {
                    cut(ctx, Cause.PROTOCOL_ERROR, FrameType.name(type) + " on a control connection");
                }
            }
            default -> cut(ctx, Cause.PROTOCOL_ERROR, FrameType.name(type) + " after the connection's purpose ended");
        }
    }

    private void onFirstFrame(ChannelHandlerContext ctx, Frame frame) {
        ByteBuf in = frame.content();
        if (frame.type() == FrameType.HELLO && peerName != null) {
            byte role = in.readByte();
            String fingerprint = Payloads.readString(in);
            Payloads.readString(in); // the connector's version
            long session = in.readableBytes() >= Long.BYTES ? in.readLong() : 0;
            Tenant.EnrolledConnector enrolled = broker.tenant().connector(peerName);
            if (enrolled == null || !enrolled.fingerprint().equals(fingerprint)) {
                Cause cause = Cause.FINGERPRINT_MISMATCH;
                broker.events().record(NetEvents.Kind.AUTH_FAILED, broker.name(), cause, peerName
                        + " presented fingerprint " + fingerprint + ", not the one bound at its enrolment", 0);
                state = State.CLOSED;
                closeCause = cause;
                ctx.writeAndFlush(new Frame(FrameType.AUTH_FAILED, 0, Payloads.cause(ctx.alloc(), cause, cause.message())))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            group = enrolled.group();
            boolean current;
            if (role == FrameType.ROLE_CONTROL) {
                state = State.CONTROL;
                current = broker.sessions().control(peerName, group, ctx.channel(), session);
            } else {
                state = State.DATA;
                current = broker.sessions().data(peerName, group, this, session);
            }
            if (!current) {
                cut(ctx, Cause.CONNECTION_LOST, peerName + ": a connection of a session it has since replaced");
                return;
            }
            broker.events().record(NetEvents.Kind.AUTHENTICATED, broker.name(), Cause.NONE,
                    peerName + (role == FrameType.ROLE_CONTROL ? " control" : " data") + " connection", 0);
            ctx.writeAndFlush(Frame.empty(FrameType.AUTHENTICATED, 0));
            return;
        }
        cut(ctx, Cause.PROTOCOL_ERROR, FrameType.name(frame.type()) + " as the first frame"
                + (frame.type() == FrameType.ENROLL_REQUEST ? " (connectors enrol at the enrolment service)" : ""));
    }

    private void onDataFrame(ChannelHandlerContext ctx, Frame frame) {
        Mtunnel m = mtunnels.get(frame.stream());
        if (m == null) {
            if (frame.continued()) {
                return; // its first piece was answered
            }
            if (frame.type() != FrameType.END && frame.type() != FrameType.WINDOW_UPDATE) {
                broker.events().record(NetEvents.Kind.MTUNNEL_ENDED, broker.name(), Cause.UNKNOWN_MTUNNEL,
                        FrameType.name(frame.type()) + " for mtunnel " + frame.stream() + " from " + peerName, 0);
                ctx.writeAndFlush(new Frame(FrameType.END, frame.stream(), Payloads.cause(ctx.alloc(), Cause.UNKNOWN_MTUNNEL)));
            }
            return;
        }
        switch (frame.type()) {
            case FrameType.BRK_RQ_ACK -> {
                Cause cause = Payloads.readCause(frame.content());
                if (cause != Cause.NONE) {
                    broker.mtunnelRefused(m, cause, peerName);
                }
            }
            case FrameType.BIND_REQ -> {
                ctx.writeAndFlush(Frame.empty(FrameType.BIND_REQ_ACK, frame.stream()));
                broker.mtunnelBound(m, peerName);
                m.bind();
            }
            case FrameType.DATA -> m.onRemoteData(frame.content().retain());
            case FrameType.WINDOW_UPDATE -> m.onWindowUpdate(frame.content().readInt());
            case FrameType.END -> m.onRemoteEnd(Payloads.readCause(frame.content()));
            case FrameType.FIN -> m.onRemoteFin();
            default -> cut(ctx, Cause.PROTOCOL_ERROR, FrameType.name(frame.type()) + " on a data connection");
        }
    }

    /** Sends BrkRq for a new mtunnel; on the tunnel's loop. */
    void request(Mtunnel m, String app) {
        mtunnels.put(m);
        channel.writeAndFlush(new Frame(FrameType.BRK_RQ, m.stream(), Payloads.strings(channel.alloc(), app)));
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
        if (peerName != null && (state == State.CONTROL || state == State.DATA)) {
            broker.sessions().remove(peerName, ctx.channel(), this);
        }
        mtunnels.endAll(closeCause);
        state = State.CLOSED;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
        cut(ctx, FailureCauses.of(failure), FailureCauses.message(failure));
    }

    private void cut(ChannelHandlerContext ctx, Cause cause, String why) {
        if (state == State.CLOSED) {
            return;
        }
        broker.events().record(NetEvents.Kind.CONNECTION_CUT, broker.name(), cause,
                (peerName == null ? String.valueOf(ctx.channel().remoteAddress()) : peerName) + ": " + why, 0);
        closeQuietly(ctx, cause);
    }

    private void closeQuietly(ChannelHandlerContext ctx, Cause cause) {
        state = State.CLOSED;
        closeCause = cause;
        ctx.close();
    }
}
