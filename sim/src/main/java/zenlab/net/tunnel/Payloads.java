package zenlab.net.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import zenlab.model.Cause;

/** The fields inside frames: strings and byte strings with a u16 length, causes as a u8. */
public final class Payloads {

    private Payloads() {
    }

    public static ByteBuf strings(ByteBufAllocator alloc, String... values) {
        ByteBuf buf = alloc.buffer();
        for (String value : values) {
            writeBytes(buf, value.getBytes(StandardCharsets.UTF_8));
        }
        return buf;
    }

    public static void writeBytes(ByteBuf buf, byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("field of " + bytes.length + " bytes is over 65535");
        }
        buf.writeShort(bytes.length).writeBytes(bytes);
    }

    public static String readString(ByteBuf buf) {
        return new String(readBytes(buf), StandardCharsets.UTF_8);
    }

    public static byte[] readBytes(ByteBuf buf) {
        if (buf.readableBytes() < 2) {
            throw new CorruptedFrameException("truncated field");
        }
        int length = buf.readUnsignedShort();
        if (buf.readableBytes() < length) {
            throw new CorruptedFrameException("field of " + length + " bytes in " + buf.readableBytes());
        }
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    public static ByteBuf cause(ByteBufAllocator alloc, Cause cause, String message) {
        ByteBuf buf = alloc.buffer();
        buf.writeByte(cause.ordinal());
        writeBytes(buf, message.getBytes(StandardCharsets.UTF_8));
        return buf;
    }

    public static ByteBuf cause(ByteBufAllocator alloc, Cause cause) {
        return alloc.buffer(1).writeByte(cause.ordinal());
    }

    public static Cause readCause(ByteBuf buf) {
        if (!buf.isReadable()) {
            throw new CorruptedFrameException("missing cause");
        }
        int code = buf.readUnsignedByte();
        if (code >= Cause.values().length) {
            throw new CorruptedFrameException("unknown cause " + code);
        }
        return Cause.of(code);
    }
}
