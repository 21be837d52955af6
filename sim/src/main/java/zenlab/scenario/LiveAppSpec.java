package zenlab.scenario;

/**
 * What stands behind an app on the real data path ({@code zenlab up}): a built-in server, or an
 * existing TCP service on this machine.
 *
 * @param server  {@code echo}, {@code sink} or {@code http} (a file server); ignored with an address
 * @param address {@code host:port} of an existing service on this machine, or null
 * @param files   the folder the {@code http} server serves, relative to the scenario file; null for the scenario's folder
 */
public record LiveAppSpec(String server, String address, String files) {

    public static final LiveAppSpec ECHO = new LiveAppSpec("echo", null, null);
}
