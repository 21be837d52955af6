package zenlab.net.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Frames on a TLS connection: {@code length:u32 | type:u8 | stream:u32 | payload}, where length
 * counts type, stream and payload. A frame longer than {@link #MAX_PAYLOAD_BYTES} of payload,
 * or of an unknown type, is a protocol error ({@link TooLongFrameException} or
 * {@link CorruptedFrameException}), refused from its header.
 *
 * <p>A DATA frame's payload goes on in pieces as it arrives, slices of what TLS decrypted, so
 * its bytes are never copied into a frame buffer (a 64 KiB frame spans four TLS records); other
 * frames are small and delivered whole. The decoder holds at most one header or one control
 * frame. The encoder writes a small frame as one buffer and a large one's payload as it is.
 */
public final class FrameCodec extends CombinedChannelDuplexHandler<FrameCodec.Decoder, FrameCodec.Encoder> {

    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    static final int HEADER_BYTES = 9;
    /** Payloads up to a TLS record's plaintext (16 KiB) are copied next to their header. */
    static final int COPY_MAX_PAYLOAD_BYTES = 16 * 1024 - HEADER_BYTES;

    public FrameCodec() {
        super(new Decoder(), new Encoder());
    }

    /** Frames from bytes. */
    public static final class Decoder extends ByteToMessageDecoder {
        private int dataStream;
        private int dataBytesLeft; // of the DATA frame being delivered; 0 between frames
        private boolean dataContinued;
        private boolean failed; // after a protocol error nothing more is read: the connection is being cut

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (dataBytesLeft > 0) {
                int bytes = Math.min(dataBytesLeft, in.readableBytes());
                if (bytes > 0) {
                    out.add(new Frame(FrameType.DATA, dataStream, in.readRetainedSlice(bytes), dataContinued));
                    dataBytesLeft -= bytes;
                    dataContinued = true;
                }
                return;
            }
            if (in.readableBytes() < 4) {
                return;
            }
            long length = in.getUnsignedInt(in.readerIndex());
            if (length > 5 + MAX_PAYLOAD_BYTES) {
                throw refuse(in, new TooLongFrameException("frame of " + length + " bytes, at most " + (5 + MAX_PAYLOAD_BYTES)));
            }
            if (length < 5) {
                throw refuse(in, new CorruptedFrameException("frame of " + length + " bytes has no type and stream"));
            }
            if (in.readableBytes() < HEADER_BYTES) {
                return;
            }
            byte type = in.getByte(in.readerIndex() + 4);
            if (!FrameType.known(type)) {
                throw refuse(in, new CorruptedFrameException("unknown frame type " + type));
            }
            int stream = in.getInt(in.readerIndex() + 5);
            int payloadBytes = (int) length - 5;
            if (type == FrameType.DATA && payloadBytes > 0) {
                in.skipBytes(HEADER_BYTES);
                dataStream = stream;
                dataBytesLeft = payloadBytes;
                dataContinued = false;
                return; // the payload follows on the next call, as far as it has arrived
            }
            if (in.readableBytes() < HEADER_BYTES + payloadBytes) {
                return;
            }
            in.skipBytes(HEADER_BYTES);
            out.add(new Frame(type, stream, in.readRetainedSlice(payloadBytes)));
        }

        private RuntimeException refuse(ByteBuf in, RuntimeException error) {
            failed = true;
            in.skipBytes(in.readableBytes());
            return error;
        }
    }

    /**
     * Bytes from frames, one write a frame: a frame of up to {@link #COPY_MAX_PAYLOAD_BYTES} goes
     * out as one buffer, header and payload together; a longer one as its header, then its payload
     * as it is, not copied.
     *
     * <p>Why not a {@code MessageToMessageEncoder}: two outputs a frame made it combine two
     * promises into the caller's, three promises and their listeners for every message of a
     * request/response exchange. The TLS handler copies small buffers into one record's plaintext
     * anyway, so copying a small payload here costs nothing more.
     */
    public static final class Encoder extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!(msg instanceof Frame frame)) {
                ctx.write(msg, promise);
                return;
            }
            ByteBuf payload = frame.content();
            int payloadBytes = payload.readableBytes();
            boolean whole = payloadBytes <= COPY_MAX_PAYLOAD_BYTES;
            ByteBuf out = null;
            try {
                out = ctx.alloc().ioBuffer(HEADER_BYTES + (whole ? payloadBytes : 0));
                out.writeInt(5 + payloadBytes).writeByte(frame.type()).writeInt(frame.stream());
                if (whole) {
                    out.writeBytes(payload, payload.readerIndex(), payloadBytes);
                    frame.release();
                }
            } catch (RuntimeException | Error e) {
                if (out != null) {
                    out.release();
                }
                frame.release();
                throw e;
            }
            if (whole) {
                ctx.write(out, promise);
                return;
            }
            ctx.write(out, ctx.newPromise()); // fails only with the payload after it, whose promise tells
            ctx.write(payload, promise); // the frame's reference goes with it
        }
    }
}
