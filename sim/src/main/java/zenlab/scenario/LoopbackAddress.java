package zenlab.scenario;

import java.net.InetSocketAddress;

/** {@code host:port} of a TCP service on this machine: the host must be a loopback address. */
public final class LoopbackAddress {

    private LoopbackAddress() {
    }

    /** What is wrong with {@code value}, or null if it is a loopback host and a port. */
    public static String problem(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            return "expected host:port, like 127.0.0.1:5432, found '" + value + "'";
        }
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            return "expected a port number after the colon, found '" + value.substring(colon + 1) + "'";
        }
        if (port < 1 || port > 65_535) {
            return "expected a port from 1 to 65535, found " + port;
        }
        if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("::1"))) {
            return "expected a service on this machine (localhost, 127.0.0.1 or ::1), found host '" + host + "'";
        }
        return null;
    }

    public static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : host, Integer.parseInt(value.substring(colon + 1)));
    }
}
