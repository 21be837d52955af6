package zenlab.net.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * A connection storm: {@code count} clients connect to an echo app's client port at once, each
 * sends {@code bytes} and waits for them back, all from one thread on a selector. Each ends
 * answered (its bytes came back whole), refused (closed or reset before that: a refusal), or
 * hung (neither by the deadline: a defect). Bounded: every socket is closed by the deadline.
 *
 * <p>It runs in a process of its own ({@code java -cp ... zenlab.net.load.ConnectionStorm HOST:PORT
 * COUNT BYTES SECONDS}), so that the lab's process holds only its own sockets, and prints one line:
 * {@code storm answered=N refused=N hung=N wrong=N}.
 */
public final class ConnectionStorm {

    /** How the storm's clients ended. {@code wrong} counts echoes that came back other than sent. */
    public record Outcome(int answered, int refused, int hung, int wrong) {

        /** The line the storm prints, and {@link #parse} reads. */
        @Override
        public String toString() {
            return "storm answered=" + answered + " refused=" + refused + " hung=" + hung + " wrong=" + wrong;
        }

        public static Outcome parse(String line) {
            String[] f = line.trim().split("[ =]");
            return new Outcome(Integer.parseInt(f[2]), Integer.parseInt(f[4]), Integer.parseInt(f[6]), Integer.parseInt(f[8]));
        }
    }

    private static final class Client {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in;

        Client(SocketChannel channel, byte[] payload) {
            this.channel = channel;
            this.out = ByteBuffer.wrap(payload);
            this.in = ByteBuffer.allocate(payload.length);
        }
    }

    private ConnectionStorm() {
    }

    public static Outcome run(InetSocketAddress target, int count, int bytes, long deadlineMs) throws IOException {
        byte[] payload = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        int answered = 0;
        int refused = 0;
        int wrong = 0;
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Client c = new Client(ch, payload);
                try {
                    ch.connect(target);
                    ch.register(selector, SelectionKey.OP_CONNECT, c);
                } catch (IOException refusedAtOnce) {
                    ch.close();
                    refused++;
                }
            }
            int open = count - refused;
            while (open > 0 && System.nanoTime() < deadlineNs) {
                selector.select(100);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Client c = (Client) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            c.channel.finishConnect();
                            key.interestOps(SelectionKey.OP_WRITE);
                        } else if (key.isWritable()) {
                            c.channel.write(c.out);
                            if (!c.out.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            if (c.channel.read(c.in) < 0) {
                                throw new IOException("closed before the echo came back");
                            }
                            if (!c.in.hasRemaining()) {
                                if (Arrays.equals(c.in.array(), payload)) {
                                    answered++;
                                } else {
                                    wrong++;
                                }
                                key.cancel();
                                c.channel.close();
                                open--;
                            }
                        }
                    } catch (IOException closedOrReset) {
                        key.cancel();
                        c.channel.close();
                        refused++;
                        open--;
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close(); // the hung ones: counted below
            }
            return new Outcome(answered, refused, count - answered - refused - wrong, wrong);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ConnectionStorm HOST:PORT COUNT BYTES SECONDS");
            System.exit(2);
        }
        String[] hostPort = args[0].split(":");
        InetSocketAddress target = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        int count = Integer.parseInt(args[1]);
        int bytes = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        if (count < 1 || count > 50_000 || bytes < 1 || bytes > 1 << 20 || seconds < 1 || seconds > 600) {
            System.err.println("ConnectionStorm: COUNT 1..50000, BYTES 1..1048576, SECONDS 1..600");
            System.exit(2);
        }
        System.out.println(run(target, count, bytes, TimeUnit.SECONDS.toMillis(seconds)));
    }
}
