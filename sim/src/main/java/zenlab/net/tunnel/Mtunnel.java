package zenlab.net.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import zenlab.model.Cause;

/**
 * One mtunnel: the bytes between a local channel (a user's client at the broker, the app at the
 * connector) and DATA frames on a shared TLS tunnel connection.
 *
 * <p>Flow control is per mtunnel and per direction: a sender may have at most
 * {@link #WINDOW_BYTES} unacknowledged, and the receiver returns credit (WINDOW_UPDATE) only
 * once its local socket has taken the bytes. Reading the local channel stops when the credit
 * runs out or the tunnel connection is not writable, so a slow mtunnel never stalls the others
 * and a client that never reads holds at most one window, whatever it does.
 *
 * <p>Threads: the sending state lives on the local channel's event loop; what the tunnel's loop
 * learns (credit, writability, the end) hops over. Writes to a channel are thread-safe in Netty.
 */
public final class Mtunnel {

    /**
     * 2 MiB: one mtunnel alone must keep a whole credit round trip in flight (at 1 GB/s and a
     * millisecond or two of scheduling on a busy 2-core lab, 1 MiB left the path idle a third
     * of the time), while sixteen of them must not fill the caches with bytes in flight.
     */
    public static final int WINDOW_BYTES = 2 * 1024 * 1024;
    /** Credit goes back in batches of at least this much, so a stream of small frames is not answered frame by frame. */
    static final int CREDIT_BATCH_BYTES = WINDOW_BYTES / 8;
    /** How long a normally ended mtunnel waits for its local peer to take the last bytes. */
    static final long CLOSE_GRACE_MS = 5_000;

    private final Channel tunnel;
    private final int stream;
    private final Channel local;
    private final MtunnelTable table;
    private final EndListener endListener;

    // Local event loop only.
    private int sendCredit = WINDOW_BYTES;
    private boolean tunnelWritable = true;
    private boolean bound;
    private boolean ended;
    private boolean localInputDone; // the local peer half-closed: FIN sent
    private boolean remoteFinDone;  // the other end's FIN received and the local output shut down
    private long bytesFromLocal;
    private long bytesToLocal;
    private int creditToReturn; // local loop only: bytes written locally, not yet acknowledged
    /**
     * Bytes read from the local channel that may not go yet (before the bind, or beyond the
     * credit). Reads normally stop first, but a transport may deliver what the socket holds
     * without being asked (Netty's epoll does on a peer's FIN), so nothing is sent early.
     */
    private final java.util.ArrayDeque<ByteBuf> held = new java.util.ArrayDeque<>();
    private boolean finHeld; // the local peer's FIN, to follow the held bytes
    private boolean localNeedsFlush; // tunnel loop, when it is also the local loop: written, not flushed
    private int unflushedBytes;      // and how many bytes that is

    /** What happened to this mtunnel, when {@link MtunnelTrace} is on: any thread appends. */
    private final java.util.List<String> story = MtunnelTrace.ON ? new java.util.ArrayList<>() : null;
    private final long createdNs = MtunnelTrace.ON ? System.nanoTime() : 0;

    private void trace(String event, long detail) {
        if (MtunnelTrace.ON) {
            trace(event + detail);
        }
    }

    private void trace(String event, Object detail) {
        if (MtunnelTrace.ON) {
            trace(event + detail);
        }
    }

    private void trace(String event) {
        if (MtunnelTrace.ON) {
            synchronized (story) {
                if (story.size() == MtunnelTrace.EVENTS) {
                    story.remove(MtunnelTrace.EVENTS / 2); // keep the first half and the latest half
                }
                story.add((System.nanoTime() - createdNs) / 1_000_000 + "ms:" + event);
            }
        }
    }

    /** The mtunnel's state and story, for {@link MtunnelTrace#open()}. */
    String describe() {
        String events;
        synchronized (story == null ? this : story) {
            events = story == null ? "" : String.join(" ", story);
        }
        return "stream " + stream + " local " + local.localAddress() + "<->" + local.remoteAddress()
                + (local.isActive() ? " active" : " closed") + " autoRead " + local.config().isAutoRead()
                + " tunnel " + tunnel.localAddress() + (tunnel.isActive() ? "" : " closed")
                + " inTable " + (table.get(stream) == this) + " bound " + bound + " ended " + ended
                + " localInputDone " + localInputDone + " remoteFinDone " + remoteFinDone + " finHeld " + finHeld
                + " held " + held.size() + " sendCredit " + sendCredit + " creditToReturn " + creditToReturn
                + " fromLocal " + bytesFromLocal + " toLocal " + bytesToLocal + " | " + events;
    }

    /** Told once when the mtunnel ends, with why and how many bytes went each way. */
    @FunctionalInterface
    public interface EndListener {
        void ended(Mtunnel mtunnel, Cause cause, boolean endedHere);
    }

    public Mtunnel(Channel tunnel, int stream, Channel local, MtunnelTable table, EndListener endListener) {
        this.tunnel = tunnel;
        this.stream = stream;
        this.local = local;
        this.table = table;
        this.endListener = endListener;
        MtunnelTrace.opened(this);
    }

    public int stream() {
        return stream;
    }

    public Channel local() {
        return local;
    }

    public Channel tunnel() {
        return tunnel;
    }

    /** Starts the flow of bytes: the mtunnel is bound to its data connection. */
    public void bind() {
        trace("bind");
        onLocalLoop(() -> {
            bound = true;
            tunnelWritable = tunnel.isWritable();
            sendHeld();
            updateReading();
        });
    }

    /** Sends held bytes while bound and within credit, then a held FIN once they are all out. */
    private void sendHeld() {
        if (!bound || ended) {
            return;
        }
        boolean sent = false;
        while (!held.isEmpty() && sendCredit > 0) {
            send(held.poll());
            sent = true;
        }
        if (sent) {
            tunnel.flush();
        }
        if (held.isEmpty() && finHeld) {
            finHeld = false;
            trace("heldFinSent");
            tunnel.writeAndFlush(Frame.empty(FrameType.FIN, stream));
            finishIfDone();
        }
    }

    // ---- from the local channel (local loop) ----

    /** Bytes read from the local channel: sent as DATA frames of at most 64 KiB, taking credit. */
    public void onLocalData(ByteBuf data) {
        trace("localData:", data.readableBytes());
        if (ended) {
            data.release();
            return;
        }
        if (!bound || sendCredit <= 0 || !held.isEmpty()) {
            held.add(data); // unasked-for bytes wait for the bind or for credit, in order
            updateReading();
            return;
        }
        send(data);
    }

    private void send(ByteBuf data) {
        int bytes = data.readableBytes();
        while (data.readableBytes() > FrameCodec.MAX_PAYLOAD_BYTES) {
            tunnel.write(new Frame(FrameType.DATA, stream, data.readRetainedSlice(FrameCodec.MAX_PAYLOAD_BYTES)));
        }
        tunnel.write(new Frame(FrameType.DATA, stream, data));
        sendCredit -= bytes;
        bytesFromLocal += bytes;
        updateReading();
    }

    public void onLocalReadComplete() {
        tunnel.flush();
    }

    /** The local side closed: the other end learns it with END. */
    public void onLocalClosed() {
        trace("localClosed");
        end(Cause.NONE, true);
    }

    /** The local peer half-closed (shut down its output): FIN to the other end; bytes may still flow back. */
    public void onLocalInputShutdown() {
        trace("localInputShutdown");
        if (ended || localInputDone) {
            return;
        }
        localInputDone = true;
        updateReading();
        if (!bound || !held.isEmpty()) {
            finHeld = true; // the FIN follows the bytes before it, once bound
            return;
        }
        tunnel.writeAndFlush(Frame.empty(FrameType.FIN, stream));
        finishIfDone();
    }

    // ---- from the tunnel connection (tunnel loop) ----

    public void onWindowUpdate(int credit) {
        trace("window:", credit);
        onLocalLoop(() -> {
            sendCredit += credit;
            sendHeld();
            updateReading();
        });
    }

    public void onTunnelWritabilityChanged(boolean writable) {
        trace("tunnelWritable:", writable);
        onLocalLoop(() -> {
            tunnelWritable = writable;
            updateReading();
        });
    }

    /**
     * DATA from the other end: written to the local channel; credit goes back once it is written,
     * in batches. On the local channel's own loop the write is flushed at the end of the tunnel's
     * read batch ({@link #flushLocal()}) or once a credit batch is waiting; from another loop, at once.
     */
    public void onRemoteData(ByteBuf data) {
        int bytes = data.readableBytes();
        trace("remoteData:", bytes);
        bytesToLocal += bytes; // the tunnel loop is the only writer of this counter
        if (local.eventLoop().inEventLoop()) {
            // No promise a frame: flushLocal learns from the socket what it took (a write that
            // fails closes the local channel, which ends the mtunnel).
            local.write(data, local.voidPromise());
            unflushedBytes += bytes;
            if (!localNeedsFlush) {
                localNeedsFlush = true;
                table.flushAtReadComplete(this);
            }
            if (unflushedBytes >= CREDIT_BATCH_BYTES) {
                flushLocal(); // a read batch can hold the whole window: let credit go back as bytes leave
            }
        } else {
            local.writeAndFlush(data).addListener(done -> {
                if (done.isSuccess()) {
                    returnCredit(bytes); // runs on the local loop
                }
            });
        }
    }

    /**
     * Flushes what {@link #onRemoteData} wrote on this loop; the tunnel handler calls it at the end
     * of a read batch. The credit for those bytes goes back at once when the socket took them all
     * (the usual case), or once the last of them is written.
     */
    public void flushLocal() {
        if (!localNeedsFlush) {
            return;
        }
        localNeedsFlush = false;
        int bytes = unflushedBytes;
        unflushedBytes = 0;
        local.flush();
        io.netty.channel.ChannelOutboundBuffer unwritten = local.unsafe().outboundBuffer();
        if (unwritten == null) {
            return; // closed: those bytes never leave, and the mtunnel is ending
        }
        if (unwritten.isEmpty()) {
            returnCredit(bytes);
        } else {
            local.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> {
                if (done.isSuccess()) {
                    returnCredit(bytes); // written in order: everything before it is out
                }
            });
        }
    }

    private void returnCredit(int bytes) {
        creditToReturn += bytes;
        if (creditToReturn >= CREDIT_BATCH_BYTES) {
            int credit = creditToReturn;
            creditToReturn = 0;
            tunnel.writeAndFlush(new Frame(FrameType.WINDOW_UPDATE, stream, tunnel.alloc().buffer(4).writeInt(credit)));
        }
    }

    /** FIN from the other end: once the bytes before it are written, shut down the local output. */
    public void onRemoteFin() {
        trace("remoteFin");
        local.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> onLocalLoop(() -> {
            if (ended) {
                return;
            }
            if (local instanceof io.netty.channel.socket.SocketChannel socket && local.isActive()) {
                socket.shutdownOutput().addListener(shut -> onLocalLoop(() -> {
                    remoteFinDone = true;
                    finishIfDone();
                }));
            } else {
                remoteFinDone = true;
                finishIfDone();
            }
        }));
    }

    /** Both directions closed normally: the mtunnel is over at this end, with nothing more to tell. */
    private void finishIfDone() {
        if (ended || !localInputDone || finHeld || !remoteFinDone) {
            return;
        }
        ended = true;
        trace("finished");
        MtunnelTrace.ended(this, System.nanoTime() - createdNs);
        tunnel.eventLoop().execute(() -> table.remove(stream));
        local.close();
        endListener.ended(this, Cause.NONE, true);
    }

    /**
     * END from the other end (or its connection lost). A normal end (cause NONE) closes the local
     * side once its bytes are out, or after {@link #CLOSE_GRACE_MS} if the local peer does not take
     * them; any other cause closes it at once.
     */
    public void onRemoteEnd(Cause cause) {
        trace("remoteEnd:", cause);
        onLocalLoop(() -> {
            if (ended) {
                return;
            }
            ended = true;
            MtunnelTrace.ended(this, System.nanoTime() - createdNs);
            releaseHeld();
            updateReading();
            if (cause == Cause.NONE) {
                local.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                local.eventLoop().schedule(() -> local.close(), CLOSE_GRACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                local.close();
            }
            endListener.ended(this, cause, false);
        });
        table.remove(stream);
    }

    /** Ends the mtunnel from this side, with a cause: END to the other end, the local channel closed. */
    public void cut(Cause cause) {
        trace("cut:", cause);
        onLocalLoop(() -> end(cause, true));
    }

    private void releaseHeld() {
        ByteBuf b;
        while ((b = held.poll()) != null) {
            b.release();
        }
    }

    private void end(Cause cause, boolean here) {
        if (ended) {
            return;
        }
        ended = true;
        trace("end:", cause);
        MtunnelTrace.ended(this, System.nanoTime() - createdNs);
        releaseHeld();
        local.config().setAutoRead(false);
        tunnel.writeAndFlush(new Frame(FrameType.END, stream, Payloads.cause(tunnel.alloc(), cause)));
        tunnel.eventLoop().execute(() -> table.remove(stream));
        if (local.isActive()) {
            local.close();
        }
        endListener.ended(this, cause, here);
    }

    public long bytesFromLocal() {
        return bytesFromLocal;
    }

    public long bytesToLocal() {
        return bytesToLocal;
    }

    private void updateReading() {
        boolean read = bound && !ended && !localInputDone && sendCredit > 0 && tunnelWritable && held.isEmpty();
        if (local.config().isAutoRead() != read) {
            trace(read ? "read:on" : "read:off");
            local.config().setAutoRead(read);
        }
    }

    private void onLocalLoop(Runnable task) {
        EventLoop loop = local.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    @Override
    public String toString() {
        return "mtunnel " + stream;
    }
}
