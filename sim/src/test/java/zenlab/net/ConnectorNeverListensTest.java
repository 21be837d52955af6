package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import zenlab.net.connector.Connector;

/**
 * A connector only dials out: the listening sockets this process holds are the same before and
 * after connectors enrol, connect and carry mtunnels. Read from Linux's /proc (the sockets this
 * process has open, matched with the TCP sockets in state LISTEN).
 */
class ConnectorNeverListensTest {

    private static final String LISTEN = "0A";

    static Set<Long> listeningSocketsOfThisProcess() throws IOException {
        Set<Long> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN)) {
                    listening.add(Long.parseLong(f[9]));
                }
            }
        }
        Set<Long> ours = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        long inode = Long.parseLong(target.substring(8, target.length() - 1));
                        if (listening.contains(inode)) {
                            ours.add(inode);
                        }
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while we looked
                }
            }
        }
        return ours;
    }

    @Test
    void shouldOpenNoListeningSocketWhileEnrollingConnectingAndServing() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
        try (NetFixture net = new NetFixture()) {
            Set<Long> before = listeningSocketsOfThisProcess();
            assertFalse(before.isEmpty(), "the broker, its client port and the app listen");
            Connector a = net.connected("vm-a");
            Connector b = net.connected("vm-b");
            assertTrue(StreamCheck.echo(net.crm, 256 * 1024, 5, 10_000).intact());
            assertEquals(before, listeningSocketsOfThisProcess(), "a connector opened a listening socket");
            assertTrue(a.openConnections() >= 2 && b.openConnections() >= 2, "each keeps a control and a data connection");
        }
        NettyLeaks.assertNone();
    }
}
