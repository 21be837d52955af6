package zenlab.net.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * Credit for DATA goes back in batches, and only for bytes the local channel has written: the
 * relay keeps no promise per frame, so what the socket took is read off its outbound buffer at
 * the end of the tunnel's read batch.
 */
class MtunnelCreditTest {

    private static ByteBuf bytes(int n) {
        return Unpooled.buffer(n).writeZero(n);
    }

    /** The credit of the next WINDOW_UPDATE the tunnel carries, or -1 if none (other frames skipped). */
    private static int nextCredit(EmbeddedChannel tunnel) {
        Object out;
        while ((out = tunnel.readOutbound()) != null) {
            Frame frame = (Frame) out;
            try {
                if (frame.type() == FrameType.WINDOW_UPDATE) {
                    return frame.content().readInt();
                }
            } finally {
                frame.release();
            }
        }
        return -1;
    }

    private static long drainedBytes(EmbeddedChannel local) {
        long total = 0;
        ByteBuf b;
        while ((b = local.readOutbound()) != null) {
            total += b.readableBytes();
            b.release();
        }
        return total;
    }

    @Test
    void shouldReturnCreditInBatchesOnceTheLocalChannelHasWrittenTheBytes() {
        EmbeddedChannel tunnel = new EmbeddedChannel();
        EmbeddedChannel local = new EmbeddedChannel();
        MtunnelTable table = new MtunnelTable();
        Mtunnel m = new Mtunnel(tunnel, 3, local, table, (mt, cause, here) -> { });
        table.put(m);
        m.bind();

        int frames = Mtunnel.CREDIT_BATCH_BYTES / 1024 - 1;
        for (int i = 0; i < frames; i++) {
            m.onRemoteData(bytes(1024)); // a read batch of small frames, one short of a credit batch
        }
        assertEquals(0, drainedBytes(local), "nothing is flushed before the read batch ends");
        table.flushAll();
        assertEquals(frames * 1024L, drainedBytes(local));
        assertEquals(-1, nextCredit(tunnel), "less than a batch: no WINDOW_UPDATE yet");

        m.onRemoteData(bytes(1024));
        table.flushAll();
        assertEquals(1024, drainedBytes(local));
        assertEquals(Mtunnel.CREDIT_BATCH_BYTES, nextCredit(tunnel), "the batch's credit, once written");
        table.flushAll(); // nothing new: no second update
        assertEquals(-1, nextCredit(tunnel));

        local.finishAndReleaseAll();
        tunnel.finishAndReleaseAll();
    }

    @Test
    void shouldReturnNoCreditForBytesALocalChannelAlreadyClosedNeverWrote() {
        EmbeddedChannel tunnel = new EmbeddedChannel();
        EmbeddedChannel local = new EmbeddedChannel();
        MtunnelTable table = new MtunnelTable();
        Mtunnel m = new Mtunnel(tunnel, 4, local, table, (mt, cause, here) -> { });
        table.put(m);
        m.bind();
        local.close();
        nextCredit(tunnel); // whatever the close sent

        ByteBuf data = bytes(Mtunnel.CREDIT_BATCH_BYTES);
        m.onRemoteData(data);
        table.flushAll();
        assertEquals(0, data.refCnt(), "the bytes were let go");
        assertEquals(-1, nextCredit(tunnel), "no credit for bytes that never left");
        assertNull(local.readOutbound());
        tunnel.finishAndReleaseAll();
    }
}
