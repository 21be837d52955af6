package zenlab.net.tunnel;

import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import zenlab.model.Cause;

/**
 * The mtunnels one tunnel connection carries, by stream id. Touched on the tunnel's event loop
 * only, but for {@link #nextStreamId()}, which any thread may call.
 */
public final class MtunnelTable {

    private final IntObjectHashMap<Mtunnel> byStream = new IntObjectHashMap<>();
    private final AtomicInteger nextStream = new AtomicInteger(1);

    public int nextStreamId() {
        return nextStream.getAndIncrement();
    }

    public void put(Mtunnel mtunnel) {
        byStream.put(mtunnel.stream(), mtunnel);
    }

    public Mtunnel get(int stream) {
        return byStream.get(stream);
    }

    public void remove(int stream) {
        byStream.remove(stream);
    }

    public int size() {
        return byStream.size();
    }

    public void forEach(java.util.function.Consumer<Mtunnel> action) {
        for (Mtunnel m : new ArrayList<>(byStream.values())) {
            action.accept(m);
        }
    }

    /** Flushes every mtunnel's local writes of this read batch. */
    public void flushAll() {
        for (Mtunnel m : byStream.values()) {
            m.flushLocal();
        }
    }

    /** The connection is gone: every mtunnel on it ends with {@code cause}. */
    public void endAll(Cause cause) {
        List<Mtunnel> all = new ArrayList<>(byStream.values());
        byStream.clear();
        for (Mtunnel m : all) {
            m.onRemoteEnd(cause);
        }
    }
}
