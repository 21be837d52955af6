package zenlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

    @Test
    void shouldRequireAClusterNameAndWellFormedAddresses() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClusterOptions.parse(null, "127.0.0.1:5701", "127.0.0.1:0", 1)).getMessage()
                .contains("the name is required to join"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClusterOptions.parse("lab", "127.0.0.1", "127.0.0.1:0", 1)).getMessage()
                .startsWith("--join: expected HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClusterOptions.parse("lab", null, "127.0.0.1:99999", 1)).getMessage().startsWith("--bind:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClusterOptions.parse("lab", "127.0.0.1:5701", "127.0.0.1:0", 1, "svc")).getMessage()
                .contains("either --join or --kubernetes"));
        ClusterOptions o = ClusterOptions.parse("lab", "localhost:5701, 127.0.0.1:5702", "localhost:0", 3);
        assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702"), o.join());
        assertEquals("127.0.0.1", o.bindHost());
        assertEquals(0, o.bindPort());
    }

    @Test
    void shouldConfigureAMemberOnLoopbackThatJoinsOnlyTheListedMembers() {
        Config config = ClusterMember.config(ClusterOptions.parse("lab", "127.0.0.1:5701", "127.0.0.1:0", 2));
        assertEquals("lab", config.getClusterName());
        assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
        assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
        assertEquals(List.of("127.0.0.1"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
        assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertFalse(config.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled());
        assertEquals(List.of("127.0.0.1:5701"), config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertEquals(2, config.getExecutorConfig(ClusterMember.EXECUTOR).getPoolSize());
        assertEquals("2", config.getMemberAttributeConfig().getAttribute("zenlab.threads"));

        Config pod = ClusterMember.config(ClusterOptions.parse("lab", null, "0.0.0.0:5701", 2,
                "zenlab-workers.default.svc.cluster.local"));
        assertTrue(pod.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled());
        assertFalse(pod.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
        assertEquals("zenlab-workers.default.svc.cluster.local",
                pod.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"));
    }
}
