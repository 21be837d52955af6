package zenlab.net.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Frames on a TLS connection: {@code length:u32 | type:u8 | stream:u32 | payload}, where length
 * counts type, stream and payload. A frame longer than {@link #MAX_PAYLOAD_BYTES} of payload,
 * or of an unknown type, is a protocol error ({@link io.netty.handler.codec.TooLongFrameException}
 * or {@link CorruptedFrameException}); the decoder never buffers more than one maximal frame.
 * The encoder writes a 9-byte header and the payload as it is, without copying it.
 */
public final class FrameCodec extends CombinedChannelDuplexHandler<FrameCodec.Decoder, FrameCodec.Encoder> {

    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    static final int HEADER_BYTES = 9;

    public FrameCodec() {
        super(new Decoder(), new Encoder());
    }

    /** Frames from bytes. */
    public static final class Decoder extends LengthFieldBasedFrameDecoder {
        public Decoder() {
            super(4 + 5 + MAX_PAYLOAD_BYTES, 0, 4, 0, 4, true);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            ByteBuf body = (ByteBuf) super.decode(ctx, in);
            if (body == null) {
                return null;
            }
            try {
                if (body.readableBytes() < 5) {
                    throw new CorruptedFrameException("frame of " + body.readableBytes() + " bytes has no type and stream");
                }
                byte type = body.readByte();
                if (!FrameType.known(type)) {
                    throw new CorruptedFrameException("unknown frame type " + type);
                }
                int stream = body.readInt();
                return new Frame(type, stream, body.retainedSlice());
            } finally {
                body.release();
            }
        }
    }

    /** Bytes from frames: a small header buffer, then the payload itself. */
    public static final class Encoder extends MessageToMessageEncoder<Frame> {
        @Override
        protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
            ByteBuf payload = frame.content();
            ByteBuf header = ctx.alloc().ioBuffer(HEADER_BYTES);
            header.writeInt(5 + payload.readableBytes()).writeByte(frame.type()).writeInt(frame.stream());
            out.add(header);
            if (payload.isReadable()) {
                out.add(payload.retain());
            }
        }
    }
}
