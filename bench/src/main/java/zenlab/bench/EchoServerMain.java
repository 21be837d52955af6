package zenlab.bench;

import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import zenlab.net.Transport;
import zenlab.net.app.AppServer;

/**
 * zenlab's echo app on its own, for a peer's chain to end in (bench/peers): the same server the
 * lab's connectors reach, so the two paths differ only in what stands before the app.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar zenlab.bench.EchoServerMain PORT}; it
 * listens on 127.0.0.1 until killed.
 */
public final class EchoServerMain {

    private EchoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EchoServerMain PORT");
            System.exit(2);
        }
        Transport transport = Transport.preferred();
        EventLoopGroup group = transport.group(1, "echo");
        AppServer echo = AppServer.start(AppServer.Kind.ECHO, transport, group, Integer.parseInt(args[0]), (Path) null);
        System.out.println("echo on " + echo.address());
        Thread.currentThread().join();
    }
}
