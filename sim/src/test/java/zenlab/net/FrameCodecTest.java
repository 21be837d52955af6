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
    void shouldRoundTripADataFrameFedOneByteAtATime() {
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
        StringBuilder payload = new StringBuilder();
        for (Frame piece = in.readInbound(); piece != null; piece = in.readInbound()) {
            assertEquals(FrameType.DATA, piece.type());
            assertEquals(42, piece.stream());
            assertEquals(payload.length() > 0, piece.continued());
            payload.append(piece.content().toString(StandardCharsets.UTF_8));
            piece.release();
        }
        assertEquals("hello", payload.toString(), "a DATA frame arrives in pieces as its bytes do");
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
    void shouldHoldATruncatedControlFrameWithoutDeliveringIt() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameCodec());
        in.writeInbound(Unpooled.buffer().writeInt(9).writeByte(FrameType.WINDOW_UPDATE).writeInt(1).writeZero(2));
        assertNull(in.readInbound(), "an incomplete frame waits (the idle timeout cuts a peer that stops there)");
        in.finishAndReleaseAll();
    }

    @Test
    void shouldDeliverADataFrameInPiecesAsItsBytesArriveWithoutCopyingThem() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameCodec());
        ByteBuf first = Unpooled.directBuffer().writeInt(5 + 1000).writeByte(FrameType.DATA).writeInt(7).writeZero(600);
        ByteBuf second = Unpooled.directBuffer().writeZero(400).writeInt(5 + 3).writeByte(FrameType.FIN).writeInt(7).writeZero(3);
        in.writeInbound(first);
        Frame head = in.readInbound();
        assertEquals(600, head.content().readableBytes());
        assertEquals(7, head.stream());
        assertFalse(head.continued());
        assertEquals(first.memoryAddress() + 9, head.content().memoryAddress(), "a slice of what arrived, not a copy");
        head.release();
        in.writeInbound(second);
        Frame rest = in.readInbound();
        assertEquals(FrameType.DATA, rest.type());
        assertEquals(400, rest.content().readableBytes());
        assertTrue(rest.continued());
        rest.release();
        Frame next = in.readInbound();
        assertEquals(FrameType.FIN, next.type());
        assertFalse(next.continued());
        assertEquals(3, next.content().readableBytes());
        next.release();
        assertNull(in.readInbound());
        assertFalse(in.finish());
    }

    @Test
    void shouldRefuseAFrameTooShortForItsHeader() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameCodec());
        ByteBuf frame = Unpooled.buffer().writeInt(4).writeByte(FrameType.DATA).writeInt(1);
        assertThrows(CorruptedFrameException.class, () -> in.writeInbound(frame));
        in.finishAndReleaseAll();
    }
}
