package zenlab.model.queueing;

import zenlab.kernel.EventHandler;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomStream;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Scheduler;

/**
 * An M/M/c/K queue as one actor. Arrivals and services draw from their own named streams
 * ({@code queue/arrivals}, {@code queue/services}), so changing the number of servers does not
 * change the arrival sequence. Waiting customers are served first come, first served.
 *
 * <p>State lives in primitive arrays: per server the customer in service and its arrival time,
 * and a FIFO of waiting customers. Nothing is allocated per customer.
 */
public final class QueueModel implements EventHandler {

    private static final int ARRIVAL = 0;
    private static final int DEPARTURE = 1;
    private static final double NS_PER_S = 1e9;

    private final QueueParameters parameters;
    private final Scheduler scheduler;
    private final Journal journal;
    private final RandomStream arrivals;
    private final RandomStream services;
    private final double meanInterArrivalNs;
    private final double meanServiceNs;
    /** Arrivals and departures are posted: never cancelled, so the kernel keeps no slot for them. */
    private final int handlerId;

    private final long[] customerOfServer;
    private final long[] arrivalOfServer;
    private final int[] idleServers;
    private int idleCount;
    private final LongFifo waitingCustomers = new LongFifo();
    private final LongFifo waitingArrivals = new LongFifo();

    private long nextCustomer;
    private long arrivalsCounted;
    private long blockedCounted;
    private long startsCounted;
    private long departuresCounted;
    private double sojournSumNs;
    private double waitSumNs;
    private double busyServerNs;
    private long lastChangeNs;

    public QueueModel(QueueParameters parameters, Scheduler scheduler, RandomStreams streams, Journal journal) {
        this.parameters = parameters;
        this.scheduler = scheduler;
        this.handlerId = scheduler.register(this);
        this.journal = journal;
        this.arrivals = streams.stream("queue/arrivals");
        this.services = streams.stream("queue/services");
        this.meanInterArrivalNs = NS_PER_S / parameters.arrivalRatePerS();
        this.meanServiceNs = NS_PER_S / parameters.serviceRatePerS();
        int servers = parameters.servers();
        customerOfServer = new long[servers];
        arrivalOfServer = new long[servers];
        idleServers = new int[servers];
        for (int i = 0; i < servers; i++) {
            idleServers[i] = servers - 1 - i; // server 0 is taken first
        }
        idleCount = servers;
    }

    /** Schedules the first arrival. */
    public void start() {
        scheduler.post(arrivals.exponentialNs(meanInterArrivalNs), handlerId, ARRIVAL, 0);
    }

    @Override
    public void onEvent(int kind, long arg) {
        if (kind == ARRIVAL) {
            onArrival();
        } else {
            onDeparture((int) arg);
        }
    }

    private void onArrival() {
        long nowNs = scheduler.nowNs();
        long customer = nextCustomer++;
        boolean counted = nowNs >= parameters.warmupNs();
        scheduler.post(arrivals.exponentialNs(meanInterArrivalNs), handlerId, ARRIVAL, 0);
        if (counted) {
            arrivalsCounted++;
        }
        journal.record(nowNs, QueueJournal.ARRIVED, 0, 0, customer, 0, 0);
        int inSystem = (parameters.servers() - idleCount) + waitingCustomers.size();
        if (inSystem >= parameters.capacity()) {
            if (counted) {
                blockedCounted++;
            }
            journal.record(nowNs, QueueJournal.BLOCKED, 0, 0, customer, 0, 0);
            return;
        }
        if (idleCount > 0) {
            accountBusyTime(nowNs);
            startService(idleServers[--idleCount], customer, nowNs, nowNs);
        } else {
            waitingCustomers.add(customer);
            waitingArrivals.add(nowNs);
        }
    }

    private void onDeparture(int server) {
        long nowNs = scheduler.nowNs();
        long arrivalNs = arrivalOfServer[server];
        long sojournNs = nowNs - arrivalNs;
        if (arrivalNs >= parameters.warmupNs()) {
            departuresCounted++;
            sojournSumNs += sojournNs;
        }
        journal.record(nowNs, QueueJournal.DEPARTED, 0, 0, customerOfServer[server], sojournNs, 0);
        if (!waitingCustomers.isEmpty()) {
            startService(server, waitingCustomers.remove(), waitingArrivals.remove(), nowNs);
        } else {
            accountBusyTime(nowNs);
            idleServers[idleCount++] = server;
        }
    }

    private void startService(int server, long customer, long arrivalNs, long nowNs) {
        customerOfServer[server] = customer;
        arrivalOfServer[server] = arrivalNs;
        long waitNs = nowNs - arrivalNs;
        if (arrivalNs >= parameters.warmupNs()) {
            startsCounted++;
            waitSumNs += waitNs;
        }
        journal.record(nowNs, QueueJournal.STARTED, 0, 0, customer, waitNs, 0);
        scheduler.post(services.exponentialNs(meanServiceNs), handlerId, DEPARTURE, server);
    }

    /** Integrates busy servers over time after the warm-up, for utilisation. */
    private void accountBusyTime(long nowNs) {
        long fromNs = Math.max(lastChangeNs, parameters.warmupNs());
        if (nowNs > fromNs) {
            busyServerNs += (double) (parameters.servers() - idleCount) * (nowNs - fromNs);
        }
        lastChangeNs = nowNs;
    }

    /** The figures of the run so far; {@code endNs} closes the utilisation integral. */
    public QueueResult result(long endNs) {
        accountBusyTime(endNs);
        double observedNs = Math.max(1, endNs - parameters.warmupNs());
        return new QueueResult(
                arrivalsCounted,
                blockedCounted,
                departuresCounted,
                arrivalsCounted == 0 ? 0 : (double) blockedCounted / arrivalsCounted,
                departuresCounted == 0 ? 0 : sojournSumNs / departuresCounted / NS_PER_S,
                startsCounted == 0 ? 0 : waitSumNs / startsCounted / NS_PER_S,
                busyServerNs / observedNs / parameters.servers(),
                QueueingTheory.of(parameters));
    }
}
