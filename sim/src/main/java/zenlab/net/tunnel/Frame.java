package zenlab.net.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/**
 * One frame: a type, the mtunnel it belongs to (0 for the connection itself) and a payload it
 * owns. The decoder hands a DATA frame on in pieces as its bytes arrive; every piece after the
 * first is {@link #continued()}.
 */
public final class Frame extends DefaultByteBufHolder {

    private final byte type;
    private final int stream;
    private final boolean continued;

    public Frame(byte type, int stream, ByteBuf payload) {
        this(type, stream, payload, false);
    }

    Frame(byte type, int stream, ByteBuf payload, boolean continued) {
        super(payload);
        this.type = type;
        this.stream = stream;
        this.continued = continued;
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

    /** A later piece of a DATA frame whose first piece has been delivered. */
    public boolean continued() {
        return continued;
    }

    @Override
    public String toString() {
        return FrameType.name(type) + "(stream " + stream + ", " + content().readableBytes() + " bytes)";
    }
}
