package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zenlab.net.tunnel.Frame;
import zenlab.net.tunnel.FrameCodec;
import zenlab.net.tunnel.FrameType;

/** The frame codec on an EmbeddedChannel: round trip, split input, and what it refuses. */
class FrameCodecTest {

    @AfterEach
    void leaks() {
        NettyLeaks.assertNone();
    }

    @Test
    void shouldRoundTripAFrameFedOneByteAtATime() {
        EmbeddedChannel out = new EmbeddedChannel(new FrameCodec());
        assertTrue(out.writeOutbound(new Frame(FrameType.DATA, 42, Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8))));
        ByteBuf wire = Unpooled.buffer();
        for (Object part = out.readOutbound(); part != null; part = out.readOutbound()) {
            wire.writeBytes((ByteBuf) part);
            ((ByteBuf) part).release();
        }
        assertEquals(9 + 5, wire.readableBytes());
        EmbeddedChannel in = new EmbeddedChannel(new FrameCodec());
        while (wire.isReadable()) {
            in.writeInbound(wire.readRetainedSlice(1));
        }
        wire.release();
        Frame frame = in.readInbound();
        assertEquals(FrameType.DATA, frame.type());
        assertEquals(42, frame.stream());
        assertEquals("hello", frame.content().toString(StandardCharsets.UTF_8));
        frame.release();
        assertNull(in.readInbound());
        assertFalse(in.finish());
        out.finish();
    }

    @Test
    void shouldRefuseAFrameLongerThanTheMaximumBeforeReadingIt() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameCodec());
        ByteBuf header = Unpooled.buffer().writeInt(10_000_000).writeByte(FrameType.DATA).writeInt(1);
        assertThrows(TooLongFrameException.class, () -> in.writeInbound(header));
        in.finishAndReleaseAll();
    }

    @Test
    void shouldRefuseAnUnknownFrameType() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameCodec());
        ByteBuf frame = Unpooled.buffer().writeInt(5).writeByte(99).writeInt(1);
        assertThrows(CorruptedFrameException.class, () -> in.writeInbound(frame));
        in.finishAndReleaseAll();
    }

    @Test
    void shouldHoldATruncatedFrameWithoutDeliveringIt() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameCodec());
        in.writeInbound(Unpooled.buffer().writeInt(1000).writeByte(FrameType.DATA).writeInt(1).writeZero(10));
        assertNull(in.readInbound(), "an incomplete frame waits (the idle timeout cuts a peer that stops there)");
        in.finishAndReleaseAll();
    }
}
