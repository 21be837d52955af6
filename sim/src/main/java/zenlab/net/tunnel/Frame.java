package zenlab.net.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/** One frame: a type, the mtunnel it belongs to (0 for the connection itself) and a payload it owns. */
public final class Frame extends DefaultByteBufHolder {

    private final byte type;
    private final int stream;

    public Frame(byte type, int stream, ByteBuf payload) {
        super(payload);
        this.type = type;
        this.stream = stream;
    }

    public static Frame empty(byte type, int stream) {
        return new Frame(type, stream, Unpooled.EMPTY_BUFFER);
    }

    public byte type() {
        return type;
    }

    public int stream() {
        return stream;
    }

    @Override
    public String toString() {
        return FrameType.name(type) + "(stream " + stream + ", " + content().readableBytes() + " bytes)";
    }
}
