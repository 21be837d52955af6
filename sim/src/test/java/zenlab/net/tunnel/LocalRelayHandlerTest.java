package zenlab.net.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bytes a transport delivers before the mtunnel is attached (Netty's epoll reads what an event
 * finds, asked or not) go through the mtunnel, first and in order, once it is bound. They were
 * dropped, and a soak's user now and then never got its first 2 KiB back.
 */
class LocalRelayHandlerTest {

    private static byte[] sentAsData(EmbeddedChannel tunnel) {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        Object out;
        while ((out = tunnel.readOutbound()) != null) {
            Frame frame = (Frame) out;
            if (frame.type() == FrameType.DATA) {
                ByteBuf content = frame.content();
                byte[] bytes = new byte[content.readableBytes()];
                content.readBytes(bytes);
                sent.write(bytes, 0, bytes.length);
            }
            frame.release();
        }
        return sent.toByteArray();
    }

    @Test
    void shouldKeepWhatWasReadBeforeTheMtunnelWasAttachedAndSendItFirst() {
        LocalRelayHandler relay = new LocalRelayHandler(0);
        EmbeddedChannel local = new EmbeddedChannel(relay);
        local.config().setAutoRead(false);
        EmbeddedChannel tunnel = new EmbeddedChannel();
        local.writeInbound(Unpooled.copiedBuffer("first 2 KiB, read unasked; ", StandardCharsets.US_ASCII));

        Mtunnel m = new Mtunnel(tunnel, 7, local, new MtunnelTable(), (mt, cause, here) -> { });
        relay.attach(m);
        assertEquals(0, sentAsData(tunnel).length, "nothing goes before the bind");
        m.bind();
        local.writeInbound(Unpooled.copiedBuffer("then the rest", StandardCharsets.US_ASCII));
        assertEquals("first 2 KiB, read unasked; then the rest", new String(sentAsData(tunnel), StandardCharsets.US_ASCII));
        local.finishAndReleaseAll();
        tunnel.finishAndReleaseAll();
    }

    @Test
    void shouldReleaseWhatWasReadWhenThePeerLeftBeforeTheAttach() {
        LocalRelayHandler relay = new LocalRelayHandler(0);
        EmbeddedChannel local = new EmbeddedChannel(relay);
        ByteBuf early = Unpooled.copiedBuffer("abandoned", StandardCharsets.US_ASCII);
        local.writeInbound(early.retain());
        local.close();
        assertEquals(1, early.refCnt(), "the relay let go of its reference");
        early.release();
        EmbeddedChannel tunnel = new EmbeddedChannel();
        Mtunnel m = new Mtunnel(tunnel, 8, local, new MtunnelTable(), (mt, cause, here) -> { });
        relay.attach(m); // ends it at once: END goes, nothing else
        Object out = tunnel.readOutbound();
        assertEquals(FrameType.END, ((Frame) out).type());
        ((Frame) out).release();
        assertFalse(tunnel.finishAndReleaseAll());
    }
}
