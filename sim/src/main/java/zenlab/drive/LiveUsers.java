package zenlab.drive;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import zenlab.model.Cause;
import zenlab.model.Fleet;
import zenlab.net.Transport;
import zenlab.net.broker.MtunnelObserver;
import zenlab.net.load.PacedEchoClient;
import zenlab.scenario.FleetSection;

/**
 * The users of a live run: a real TCP client per mtunnel the model asks for, at a broker's
 * client port, pushing the demand's bytes; and what the brokers tell of those clients' mtunnels
 * (bound through which connector, refused, cut), matched to the model's mtunnel ids and posted
 * to the driver's thread.
 */
final class LiveUsers {

    private final FleetSection spec;
    private final Fleet fleet;
    private final Consumer<Runnable> post;
    private final EventLoopGroup loops;
    private final Transport transport;
    private final double timeScale;
    /** clientPorts[b][a]: where users reach app a at broker b (filled in as brokers start). */
    private final InetSocketAddress[][] clientPorts;
    private final Map<String, Integer> connectorByName;
    private final Map<Long, Channel> clients = new ConcurrentHashMap<>();
    /** Users' clients by mtunnel id, from open until the model ends the mtunnel. */
    private final Map<Long, PacedEchoClient> users = new ConcurrentHashMap<>();
    private final Map<SocketAddress, Long> mtunnelByClient = new HashMap<>(); // guarded by itself
    private final Map<SocketAddress, List<Consumer<Long>>> earlyNotices = new HashMap<>(); // same lock

    LiveUsers(FleetSection spec, Fleet fleet, Consumer<Runnable> post, EventLoopGroup loops, Transport transport,
              double timeScale, InetSocketAddress[][] clientPorts, Map<String, Integer> connectorByName) {
        this.spec = spec;
        this.fleet = fleet;
        this.post = post;
        this.loops = loops;
        this.transport = transport;
        this.timeScale = timeScale;
        this.clientPorts = clientPorts;
        this.connectorByName = connectorByName;
    }

    /** What the brokers tell of the users' mtunnels, for {@code Broker.observeMtunnels}. */
    MtunnelObserver observer() {
        return new ClientNotices();
    }

    /** Closes every user's client, as the run ends. */
    void closeAll() {
        clients.values().forEach(Channel::close);
    }

    /**
     * A user's client connects to the broker's client port for the app and pushes the demand's
     * bytes through the mtunnel: its Mbps times time_scale on the wall clock, so that the bytes
     * of a simulated second arrive in 1/time_scale of a real one.
     */
    void open(int a, long id, int b) {
        double bytesPerSecond = spec.apps().get(a).mbps() * 125_000.0 * timeScale;
        // Half a second of rate in flight covers the round trip of every link fault we model and a busy machine's.
        PacedEchoClient user = new PacedEchoClient(bytesPerSecond, Math.max(64 * 1024, (long) (bytesPerSecond / 2)));
        users.put(id, user);
        transport.bootstrap(loops)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(user, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                long bytes = bytesOf(id);
                                boolean byFarEnd = clients.remove(id) != null; // else the model closed it
                                post.accept(() -> {
                                    if (byFarEnd) {
                                        fleet.liveMtunnelRefused(id, Cause.CONNECTION_LOST);
                                        fleet.liveMtunnelLost(id, Cause.CONNECTION_LOST, bytes);
                                    }
                                    users.remove(id); // after any broker's notice read its count, posted earlier
                                });
                                forget(ctx.channel().localAddress());
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .connect(clientPorts[b][a])
                .addListener(connected -> {
                    io.netty.channel.ChannelFuture f = (io.netty.channel.ChannelFuture) connected;
                    if (!f.isSuccess()) {
                        users.remove(id);
                        post.accept(() -> fleet.liveMtunnelRefused(id, Cause.BROKER_UNREACHABLE));
                        return;
                    }
                    clients.put(id, f.channel());
                    known(f.channel().localAddress(), id);
                });
    }

    /** Closes mtunnel {@code id}'s client, as its user does, and returns the bytes it got back. */
    long close(long id) {
        Channel client = clients.remove(id);
        if (client != null) {
            client.close();
        }
        long bytes = bytesOf(id);
        users.remove(id);
        return bytes;
    }

    /** What mtunnel {@code id}'s user got back through it so far; 0 once forgotten. */
    private long bytesOf(long id) {
        PacedEchoClient user = users.get(id);
        return user == null ? 0 : user.receivedBytes();
    }

    // ---- what brokers tell of their clients' mtunnels -----------------------------------------------

    /** The broker names each client by its address; the notices may come before the connect listener learns it. */
    private void known(SocketAddress client, long id) {
        List<Consumer<Long>> early;
        synchronized (mtunnelByClient) {
            mtunnelByClient.put(client, id);
            early = earlyNotices.remove(client);
        }
        if (early != null) {
            early.forEach(notice -> notice.accept(id));
        }
    }

    private void forget(SocketAddress client) {
        synchronized (mtunnelByClient) {
            mtunnelByClient.remove(client);
            earlyNotices.remove(client);
        }
    }

    private void notice(SocketAddress client, Consumer<Long> notice) {
        Long id;
        synchronized (mtunnelByClient) {
            id = mtunnelByClient.get(client);
            if (id == null) {
                earlyNotices.computeIfAbsent(client, k -> new ArrayList<>()).add(notice);
                return;
            }
        }
        notice.accept(id);
    }

    private final class ClientNotices implements MtunnelObserver {
        @Override
        public void bound(SocketAddress client, String connector, long setupNs) {
            Integer c = connectorByName.get(connector);
            if (c != null) {
                notice(client, id -> post.accept(() -> fleet.liveMtunnelEstablished(id, c, setupNs)));
            }
        }

        @Override
        public void refused(SocketAddress client, Cause cause) {
            notice(client, id -> post.accept(() -> fleet.liveMtunnelRefused(id, cause)));
        }

        @Override
        public void ended(SocketAddress client, Cause cause) {
            if (cause != Cause.NONE) {
                notice(client, id -> {
                    long bytes = bytesOf(id);
                    post.accept(() -> fleet.liveMtunnelLost(id, cause, bytes));
                });
            }
        }
    }
}
