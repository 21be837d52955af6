package zenlab.net;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import zenlab.net.pki.Identity;
import zenlab.net.pki.PinnedTrustManager;

/** A hand-driven TLS peer (JDK sockets, no Netty) that can send any bytes: the hostile connector of the tests. */
final class RawTlsClient implements AutoCloseable {

    final SSLSocket socket;
    final DataOutputStream out;
    final DataInputStream in;

    RawTlsClient(InetSocketAddress broker, X509Certificate cloudRoot, Identity identity, int timeoutMs) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        KeyManagerFactory keys = null;
        if (identity != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("id", identity.key(), new char[0], identity.chain().toArray(new X509Certificate[0]));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
        }
        // Present the certificate whatever authorities the server asks for, as an impostor would.
        javax.net.ssl.KeyManager[] managers = keys == null ? null : new javax.net.ssl.KeyManager[] {
            new AlwaysPresent((javax.net.ssl.X509KeyManager) keys.getKeyManagers()[0])};
        context.init(managers, new TrustManager[] {
            new PinnedTrustManager(cloudRoot, PinnedTrustManager.Purpose.SERVER, Clock.systemUTC(), null)}, null);
        socket = (SSLSocket) context.getSocketFactory().createSocket(broker.getAddress(), broker.getPort());
        socket.setSoTimeout(timeoutMs);
        socket.startHandshake();
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    private static final class AlwaysPresent extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509KeyManager keys;

        AlwaysPresent(javax.net.ssl.X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine e) {
            return "id";
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "id";
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"id"};
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    void frame(byte type, int stream, byte[] payload) throws IOException {
        out.writeInt(5 + payload.length);
        out.writeByte(type);
        out.writeInt(stream);
        out.write(payload);
        out.flush();
    }

    /** Reads one frame: {type, stream} and its payload. */
    int[] readFrame(byte[][] payload) throws IOException {
        int length = in.readInt();
        byte type = in.readByte();
        int stream = in.readInt();
        byte[] body = new byte[length - 5];
        in.readFully(body);
        if (payload != null) {
            payload[0] = body;
        }
        return new int[] {type, stream};
    }

    /** True if the peer closed the connection (EOF or reset) before {@code timeoutMs}. */
    boolean closedByPeer() {
        try {
            while (in.read() >= 0) {
                // drain until the end
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset or TLS alert: closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
