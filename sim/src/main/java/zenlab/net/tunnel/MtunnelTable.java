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
    private final ArrayList<Mtunnel> toFlush = new ArrayList<>();

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

    /** {@code m} wrote to its local channel in this read batch: {@link #flushAll()} flushes it. */
    void flushAtReadComplete(Mtunnel m) {
        toFlush.add(m);
    }

    /** Flushes the local writes of this read batch: only the mtunnels that wrote, however many the connection carries. */
    public void flushAll() {
        for (int i = 0; i < toFlush.size(); i++) { // by index: a flush may add to the list
            toFlush.get(i).flushLocal();
        }
        toFlush.clear();
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
