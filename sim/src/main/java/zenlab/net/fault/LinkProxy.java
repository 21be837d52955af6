package zenlab.net.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import zenlab.net.Transport;
import zenlab.scenario.LinkToxic;

/**
 * A TCP proxy on loopback that stands for one network path (a connector to a broker) and
 * degrades it on demand, in the manner of Toxiproxy: {@code latency} delays every chunk each
 * way by a latency plus or minus a jitter, order kept; {@code reset} resets every connection
 * (RST) and each new one as it opens; {@code stall} passes nothing and closes nothing until
 * healed; {@code bandwidth} lets the path towards the connector (Toxiproxy's downstream) carry
 * at most a rate, shared by every connection of the path as on one link, and reads no more
 * while the link's backlog is over 100 ms (a router's buffer, so that control messages are not
 * stuck behind seconds of bulk data). Only that way: the users' bytes go that way to the apps,
 * and what comes back (an echo, BindReqs) then never outruns the link, whereas a limit both
 * ways runs the way back full and queues a connector's BindReq behind its own answers.
 * Without a toxic it relays bytes as they come.
 *
 * <p>Run it on NIO (see {@link Transport}): the proxy reads nothing until the far side is
 * connected, and a FIN that comes first breaks an epoll channel.
 *
 * <p>Each direction reads one chunk at a time and asks for the next once the chunk is handed on
 * (or queued, under latency, while the queue is short), so a slow receiver slows the sender and
 * memory stays bounded.
 */
public final class LinkProxy implements AutoCloseable {

    /** Under latency, a direction keeps reading until this much waits in its queue. */
    private static final int MAX_QUEUED_BYTES = 1 << 20;
    /** Under a bandwidth limit, a direction reads on only while its link is busy for less than this. */
    private static final long MAX_BACKLOG_NS = 100_000_000L;

    private final Channel listener;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final SplittableRandom jitter;
    private volatile LinkToxic toxic;
    private volatile long latencyNs;
    private volatile long jitterNs;
    /** The link each way: towards the target (the broker), never limited, and towards the connector. */
    private final Lane towardsTarget = new Lane();
    private final Lane towardsConnector = new Lane();

    /** @param target where each new connection goes, asked at its accept (it may change: an inspecting proxy) */
    public LinkProxy(Supplier<InetSocketAddress> target, Transport transport, EventLoopGroup group, long seed)
            throws InterruptedException {
        this.jitter = new SplittableRandom(seed);
        this.listener = transport.serverBootstrap(group)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // a FIN travels on as a FIN
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel inbound) {
                        connections.add(inbound);
                        inbound.pipeline().addLast(new Accepted(target, transport));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * Applies {@code newToxic} (null heals the link) to every open connection and every new one;
     * {@code bytesPerSecond} is the bandwidth toxic's rate towards the connector.
     */
    public void toxic(LinkToxic newToxic, long oneWayLatencyNs, long oneWayJitterNs, double bytesPerSecond) {
        if (newToxic == LinkToxic.BANDWIDTH && !(bytesPerSecond > 0)) {
            throw new IllegalArgumentException("a bandwidth toxic needs a rate, found " + bytesPerSecond + " B/s");
        }
        this.latencyNs = oneWayLatencyNs;
        this.jitterNs = oneWayJitterNs;
        towardsConnector.rate(bytesPerSecond);
        this.toxic = newToxic;
        if (newToxic == LinkToxic.RESET) {
            connections.forEach(LinkProxy::reset);
        } else if (newToxic != LinkToxic.STALL) {
            relays.forEach(r -> r.self.eventLoop().execute(r::resume));
        }
    }

    /** Closes with a TCP RST, not a FIN; on the channel's own loop, so that it cannot close meanwhile. */
    private static void reset(Channel c) {
        if (!c.eventLoop().inEventLoop()) {
            c.eventLoop().execute(() -> reset(c));
            return;
        }
        if (c.isActive()) {
            c.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        c.close();
    }

    /**
     * One direction of the link under a bandwidth limit: chunks leave one after another, each
     * when the ones before it (of any connection) are through, like bits on one wire.
     */
    private static final class Lane {
        private double nsPerByte;
        private long freeAtNs;

        synchronized boolean limited() {
            return nsPerByte > 0;
        }

        synchronized void rate(double bytesPerSecond) {
            nsPerByte = bytesPerSecond > 0 ? 1e9 / bytesPerSecond : 0;
        }

        /** When a chunk of {@code bytes} read at {@code nowNs} has gone through. */
        synchronized long reserve(long nowNs, int bytes) {
            freeAtNs = Math.max(freeAtNs, nowNs) + (long) (bytes * nsPerByte);
            return freeAtNs;
        }

        /** How long the link stays busy with what it has taken, from {@code nowNs}. */
        synchronized long backlogNs(long nowNs) {
            return Math.max(0, freeAtNs - nowNs);
        }
    }

    private long delayNs() {
        long j = jitterNs;
        synchronized (jitter) {
            return Math.max(0, latencyNs + (j == 0 ? 0 : jitter.nextLong(-j, j + 1)));
        }
    }

    /** The proxy's side towards the connector, until the far side is connected; then a relay each way. */
    private final class Accepted extends ChannelInboundHandlerAdapter {
        private final Supplier<InetSocketAddress> target;
        private final Transport transport;
        /** What the connector sent before the far side was connected (a transport may read unasked). */
        private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
        private boolean earlyFin;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            early.add((ByteBuf) msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                earlyFin = true;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            early.forEach(ByteBuf::release);
            early.clear();
        }

        Accepted(Supplier<InetSocketAddress> target, Transport transport) {
            this.target = target;
            this.transport = transport;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel inbound = ctx.channel();
            if (toxic == LinkToxic.RESET) {
                reset(inbound);
                return;
            }
            Relay upstream = new Relay(inbound, towardsTarget);
            transport.bootstrap(inbound.eventLoop())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel outbound) {
                            connections.add(outbound);
                            outbound.pipeline().addLast(new Relay(outbound, inbound, towardsConnector));
                        }
                    })
                    .connect(target.get()).addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            inbound.close();
                            return;
                        }
                        Relay downstream = connected.channel().pipeline().get(Relay.class);
                        ctx.pipeline().replace(this, "relay", upstream.of(connected.channel()));
                        upstream.adopt(early, earlyFin);
                        upstream.resume();
                        downstream.resume();
                    });
        }
    }

    /**
     * Relays what {@code self} reads to {@code peer}, delayed under the latency toxic, held under
     * the stall toxic; closes (or half-closes) the peer when {@code self} does. Delayed chunks
     * wait in a queue drained by one timer at a time, so jitter never reorders bytes.
     */
    private final class Relay extends ChannelInboundHandlerAdapter {
        final Channel self;
        private final Lane lane;
        private Channel peer;
        private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
        private final ArrayDeque<Long> dueNs = new ArrayDeque<>();
        private int queuedBytes;
        private long lastDueNs;
        private boolean drainScheduled;
        private boolean resumeScheduled; // waiting for the link's backlog to shrink
        private boolean reading; // a read is outstanding
        private int unwritten; // chunks handed to the peer and not yet written
        private boolean inputDone; // self sent its FIN: pass it on once the queue is empty
        private boolean closed; // self closed: close the peer once the queue is empty

        Relay(Channel self, Lane lane) {
            this.self = self;
            this.lane = lane;
        }

        Relay(Channel self, Channel peer, Lane lane) {
            this(self, lane);
            this.peer = peer;
        }

        Relay of(Channel thePeer) {
            this.peer = thePeer;
            return this;
        }

        /** Takes on what was read before the relay existed: those bytes first, then the FIN if one came. */
        void adopt(ArrayDeque<ByteBuf> earlier, boolean fin) {
            ByteBuf b;
            while ((b = earlier.poll()) != null) {
                channelRead(null, b);
            }
            if (fin) {
                inputDone = true;
                if (queued.isEmpty()) {
                    shutdownPeerOutput();
                }
            }
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            relays.add(this);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            relays.remove(this);
        }

        /**
         * Reads the next chunk unless the link stalls, the queue is long, the limited link's
         * backlog is, or a read is outstanding.
         */
        void resume() {
            if (toxic != LinkToxic.STALL && !queued.isEmpty() && !drainScheduled) {
                drain();
            }
            if (!reading && unwritten == 0 && toxic != LinkToxic.STALL && queuedBytes < MAX_QUEUED_BYTES && self.isActive()
                    && !inputDone && !resumeScheduled) {
                long waitNs = toxic == LinkToxic.BANDWIDTH && lane.limited()
                        ? lane.backlogNs(System.nanoTime()) - MAX_BACKLOG_NS : 0;
                if (waitNs > 0) {
                    resumeScheduled = true; // the chunks queued by other connections may not be this one's
                    self.eventLoop().schedule(() -> {
                        resumeScheduled = false;
                        resume();
                    }, waitNs, TimeUnit.NANOSECONDS);
                    return;
                }
                reading = true;
                self.read();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            LinkToxic now = toxic == LinkToxic.BANDWIDTH && !lane.limited() ? null : toxic;
            if (now == null && queued.isEmpty()) {
                unwritten++;
                peer.writeAndFlush(bytes).addListener(written -> {
                    unwritten--;
                    resume();
                });
                return;
            }
            long nowNs = System.nanoTime();
            long due = Math.max(lastDueNs, now == LinkToxic.BANDWIDTH ? lane.reserve(nowNs, bytes.readableBytes())
                    : nowNs + (now == LinkToxic.LATENCY ? delayNs() : 0));
            lastDueNs = due;
            queued.add(bytes);
            dueNs.add(due);
            queuedBytes += bytes.readableBytes();
            if (now != LinkToxic.STALL && !drainScheduled) {
                drainScheduled = true;
                self.eventLoop().schedule(this::drain, due - nowNs, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            reading = false;
            resume(); // reads on once what was read is written (or, queued, while the queue is short)
        }

        private void drain() {
            drainScheduled = false;
            if (toxic == LinkToxic.STALL) {
                return; // held until healed
            }
            long nowNs = System.nanoTime();
            while (!queued.isEmpty() && dueNs.peek() <= nowNs) {
                dueNs.poll();
                ByteBuf next = queued.poll();
                queuedBytes -= next.readableBytes();
                peer.write(next); // a closed peer fails the write and releases the buffer
            }
            peer.flush();
            if (!queued.isEmpty()) {
                drainScheduled = true;
                self.eventLoop().schedule(this::drain, dueNs.peek() - nowNs, TimeUnit.NANOSECONDS);
            } else if (closed) {
                peer.close();
            } else if (inputDone) {
                shutdownPeerOutput();
            }
            resume();
        }

        private void shutdownPeerOutput() {
            if (peer instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                peer.close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                inputDone = true;
                if (queued.isEmpty()) {
                    shutdownPeerOutput(); // the sender is done: so is the relay towards the receiver
                }
                if (self instanceof DuplexChannel duplex && duplex.isOutputShutdown()) {
                    self.close(); // both ways done
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer == null) {
                return;
            }
            if (toxic == LinkToxic.RESET) {
                reset(peer);
            } else if (queued.isEmpty()) {
                peer.close();
            } else {
                closed = true; // the close travels behind the queued bytes
            }
            if (toxic == LinkToxic.STALL || toxic == LinkToxic.RESET) {
                queued.forEach(ByteBuf::release);
                queued.clear();
                dueNs.clear();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        for (Relay r : relays) {
            r.self.eventLoop().execute(() -> {
                r.queued.forEach(ByteBuf::release);
                r.queued.clear();
            });
        }
    }
}
