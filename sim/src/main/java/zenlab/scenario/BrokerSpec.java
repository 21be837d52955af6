package zenlab.scenario;

/** A cloud broker connectors dial out to, e.g. {@code broker1a.syd4}. */
public record BrokerSpec(String name) {
}
