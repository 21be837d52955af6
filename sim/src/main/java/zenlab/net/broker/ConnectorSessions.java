package zenlab.net.broker;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connectors connected to one broker: each one's control connection and data connections,
 * by group. A connector serves once its control and at least one data connection are
 * authenticated. Picks connectors round robin among those serving an app's groups. Thread-safe.
 */
public final class ConnectorSessions {

    private final Map<String, Session> byName = new LinkedHashMap<>();
    private int nextPick;

    private static final class Session {
        final String group;
        Channel control;
        final List<BrokerConnectionHandler> data = new ArrayList<>();
        int nextData;
        boolean paused; // for an upgrade: it gets no new mtunnels until it reconnects
        final java.util.Set<String> unreachableApps = new java.util.HashSet<>(); // as its AppHealth reports said
        final long id;

        Session(String group, long id) {
            this.group = group;
            this.id = id;
        }

        boolean serving() {
            return control != null && control.isActive() && !data.isEmpty() && !paused;
        }
    }

    /**
     * The session a connector's connection belongs to. A newer session (a reconnect, a restart)
     * supersedes the older one at once: its connections are closed, so no mtunnel is sent down
     * a connection the connector has given up on (say after a stall it noticed first).
     */
    private Session session(String connector, String group, long sessionId) {
        Session s = byName.get(connector);
        if (s != null && s.id == sessionId) {
            return s;
        }
        if (s != null && sessionId < s.id) {
            return null; // a late connection of a session already superseded
        }
        if (s != null) {
            if (s.control != null) {
                s.control.close();
            }
            s.data.forEach(d -> d.channel().close());
        }
        Session fresh = new Session(group, sessionId);
        byName.put(connector, fresh);
        return fresh;
    }

    /** @return false if the connection belongs to a superseded session (the caller closes it) */
    public synchronized boolean control(String connector, String group, Channel channel, long sessionId) {
        Session s = session(connector, group, sessionId);
        if (s == null) {
            return false;
        }
        s.control = channel;
        return true;
    }

    /** @return false if the connection belongs to a superseded session (the caller closes it) */
    public synchronized boolean data(String connector, String group, BrokerConnectionHandler connection, long sessionId) {
        Session s = session(connector, group, sessionId);
        if (s == null) {
            return false;
        }
        s.data.add(connection);
        return true;
    }

    /** The connector's AppHealth: it can (or cannot) reach {@code app}; it gets no mtunnels for an app it cannot reach. */
    public synchronized void appHealth(String connector, String app, boolean reachable) {
        Session s = byName.get(connector);
        if (s == null) {
            return;
        }
        if (reachable) {
            s.unreachableApps.remove(app);
        } else {
            s.unreachableApps.add(app);
        }
    }

    /** Whether the connector's latest AppHealth for {@code app} said it cannot reach it. */
    public synchronized boolean reportedUnreachable(String connector, String app) {
        Session s = byName.get(connector);
        return s != null && s.unreachableApps.contains(app);
    }

    /** The connector said it pauses for an upgrade: no new mtunnels for it. */
    public synchronized void pause(String connector) {
        Session s = byName.get(connector);
        if (s != null) {
            s.paused = true;
        }
    }

    public synchronized void remove(String connector, Channel channel, BrokerConnectionHandler connection) {
        Session s = byName.get(connector);
        if (s == null) {
            return;
        }
        if (s.control == channel) {
            s.control = null;
        }
        s.data.remove(connection);
        if (s.control == null && s.data.isEmpty()) {
            byName.remove(connector);
        }
    }

    /**
     * A data connection of a serving connector of one of {@code groups}, connectors round robin;
     * null if none serves. Among the connector's data connections, one on {@code preferredLoop}
     * (the client's) is taken if there is one: bytes then cross no thread at the broker.
     */
    public synchronized BrokerConnectionHandler pick(String app, List<String> groups, io.netty.channel.EventLoop preferredLoop) {
        List<Session> serving = new ArrayList<>();
        for (Session s : byName.values()) {
            if (groups.contains(s.group) && s.serving() && !s.unreachableApps.contains(app)) {
                serving.add(s);
            }
        }
        if (serving.isEmpty()) {
            return null;
        }
        Session s = serving.get(Math.floorMod(nextPick++, serving.size()));
        for (int i = 0; i < s.data.size(); i++) {
            BrokerConnectionHandler candidate = s.data.get(Math.floorMod(s.nextData + i, s.data.size()));
            if (candidate.channel().eventLoop() == preferredLoop) {
                s.nextData += i + 1;
                return candidate;
            }
        }
        return s.data.get(Math.floorMod(s.nextData++, s.data.size()));
    }

    /** Control and data connections connectors hold to this broker now: {control, data}. */
    public synchronized int[] connectionCounts() {
        int control = 0;
        int data = 0;
        for (Session s : byName.values()) {
            control += s.control != null && s.control.isActive() ? 1 : 0;
            data += s.data.size();
        }
        return new int[] {control, data};
    }

    /** Whether {@code connector} serves (connected) or has paused for an upgrade here; null if it has no session. */
    public synchronized String stateOf(String connector) {
        Session s = byName.get(connector);
        if (s == null) {
            return null;
        }
        return s.serving() ? "connected" : s.paused ? "paused" : "connecting";
    }

    /** The names of the connectors serving now. */
    public synchronized List<String> serving() {
        List<String> names = new ArrayList<>();
        byName.forEach((name, s) -> {
            if (s.serving()) {
                names.add(name);
            }
        });
        return names;
    }
}
