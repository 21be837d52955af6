package zenlab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Simulation;
import zenlab.scenario.Durations;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/** The fleet's hot path (mtunnel demand, selection, setup, teardown, status) allocates nothing once warm. */
class FleetSteadyStateTest {

    @Test
    void shouldAllocateNothingPerEventOnceWarm() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("steady.yaml", String.join("\n",
                "name: steady",
                "duration: 30d",
                "status_log_interval: 1m",
                "timeline_interval: 1m",
                "brokers: [{name: b1}, {name: b2}]",
                "provisioning_keys: [{name: K, max_usage: 4, group: g}]",
                "connector_groups: [{name: g, connectors: 4, upgrades_enabled: false}]",
                "apps: [{name: crm, groups: [g], demand: {mtunnels_per_s: 50, duration: {mean: 2m}, mbps: 0.5, users: 500}}]"));
        Simulation sim = new Simulation();
        Fleet fleet = new Fleet(s.fleet(), sim, new RandomStreams(1), Journal.NONE);
        fleet.start();
        // 12 h: the mtunnel table and the queue's bucket arrays reach their high-water marks
        sim.run(Durations.parseNs("12h"));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long eventsBefore = sim.eventsProcessed();
        long before = threads.getThreadAllocatedBytes(thread);
        sim.run(Durations.parseNs("15h"));
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        long events = sim.eventsProcessed() - eventsBefore;
        assertTrue(events > 1_000_000, "events: " + events);
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over " + events + " events");
    }
}
