package zenlab.net.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import zenlab.model.Cause;
import zenlab.net.NetEvents;
import zenlab.net.pki.PemFiles;
import zenlab.net.pki.ProvisioningKey;
import zenlab.net.tunnel.FailureCauses;
import zenlab.net.tunnel.Frame;
import zenlab.net.tunnel.FrameType;
import zenlab.net.tunnel.Payloads;

/**
 * One connection at the enrolment service: an EnrollRequest (key, fingerprint, host name, CSR)
 * in, EnrollAccepted with the signed chain or EnrollRefused with its cause out, then close.
 * Any other frame, or anything after the request, is cut as a protocol error.
 */
final class EnrolmentHandler extends SimpleChannelInboundHandler<Frame> {

    private final EnrolmentService service;
    private boolean answered;
    private boolean closed;

    EnrolmentHandler(EnrolmentService service) {
        this.service = service;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            Cause cause = FailureCauses.of(done.cause());
            service.events().record(NetEvents.Kind.CONNECTION_REFUSED, service.name(), cause,
                    "from " + ctx.channel().remoteAddress() + ": " + FailureCauses.message(done.cause()), 0);
            closed = true;
            ctx.close();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (closed) {
            return;
        }
        if (answered || frame.type() != FrameType.ENROLL_REQUEST) {
            cut(ctx, Cause.PROTOCOL_ERROR, FrameType.name(frame.type())
                    + (answered ? " after the enrolment was answered" : " at the enrolment service, which takes only EnrollRequest"));
            return;
        }
        ByteBuf in = frame.content();
        String key;
        String fingerprint;
        String host;
        byte[] csr;
        try {
            key = Payloads.readString(in);
            fingerprint = Payloads.readString(in);
            host = Payloads.readString(in);
            csr = Payloads.readBytes(in);
        } catch (CorruptedFrameException malformed) {
            cut(ctx, Cause.PROTOCOL_ERROR, "a malformed EnrollRequest: " + malformed.getMessage());
            return;
        }
        Tenant.Enrolment enrolment = service.tenant().enrol(key, fingerprint, csr);
        answered = true;
        if (enrolment.accepted()) {
            service.events().record(NetEvents.Kind.ENROLLED, service.name(), Cause.NONE,
                    host + " enrolled as " + enrolment.name(), 0);
            ctx.writeAndFlush(new Frame(FrameType.ENROLL_ACCEPTED, 0,
                    Payloads.strings(ctx.alloc(), enrolment.name(), PemFiles.pem(enrolment.chain()))))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            service.events().record(NetEvents.Kind.ENROLL_REFUSED, service.name(), enrolment.refusal(),
                    host + " with key " + ProvisioningKey.redact(key), 0);
            ctx.writeAndFlush(new Frame(FrameType.ENROLL_REFUSED, 0,
                    Payloads.cause(ctx.alloc(), enrolment.refusal(), enrolment.refusal().message())))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
        if (failure instanceof ReadTimeoutException) {
            cut(ctx, Cause.PEER_STALLED, "nothing received for " + service.settings().idleTimeoutMs() + " ms");
        } else {
            cut(ctx, FailureCauses.of(failure), FailureCauses.message(failure));
        }
    }

    private void cut(ChannelHandlerContext ctx, Cause cause, String why) {
        if (closed) {
            return;
        }
        closed = true;
        service.events().record(NetEvents.Kind.CONNECTION_CUT, service.name(), cause, ctx.channel().remoteAddress() + ": " + why, 0);
        ctx.close();
    }
}
