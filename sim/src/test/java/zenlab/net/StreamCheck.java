package zenlab.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

/**
 * An end-to-end byte check through an mtunnel to an echo app: writes a seeded pseudo-random
 * stream, reads the echo back, and compares the CRC32 of what went and what came. A lost,
 * extra or changed byte changes the checksum or the count.
 */
public final class StreamCheck {

    /** What one client saw. */
    public record Result(long bytesSent, long bytesReceived, long crcSent, long crcReceived) {
        public boolean intact() {
            return bytesSent == bytesReceived && crcSent == crcReceived;
        }
    }

    private StreamCheck() {
    }

    /** True if the far end closes a new connection without sending a byte (nothing serves it). */
    public static boolean closedWithoutAByte(InetSocketAddress address, int timeoutMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            try {
                return socket.getInputStream().read() < 0;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }
    }

    public static Result echo(InetSocketAddress address, long bytes, long seed, int timeoutMs) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            CRC32 sent = new CRC32();
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    SplittableRandom random = new SplittableRandom(seed);
                    byte[] chunk = new byte[16 * 1024];
                    long left = bytes;
                    while (left > 0) {
                        int n = (int) Math.min(chunk.length, left);
                        for (int i = 0; i < n; i++) {
                            chunk[i] = (byte) random.nextInt(256);
                        }
                        out.write(chunk, 0, n);
                        sent.update(chunk, 0, n);
                        left -= n;
                    }
                    out.flush();
                    socket.shutdownOutput();
                } catch (IOException e) {
                    writeFailure.set(e);
                }
            }, "stream-check-writer");
            writer.start();
            CRC32 received = new CRC32();
            long count = 0;
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[32 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                received.update(buf, 0, n);
                count += n;
                if (count >= bytes) {
                    break;
                }
            }
            writer.join(timeoutMs);
            if (writeFailure.get() != null) {
                throw new IOException("writing failed", writeFailure.get());
            }
            return new Result(bytes, count, sent.getValue(), received.getValue());
        }
    }
}
