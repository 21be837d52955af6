package zenlab.net;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's leak reports, caught for every test class: the handler is installed before a class's
 * first test (a leak reported mid-run is kept, not lost to a handler installed at the end), and
 * after its last test the class fails if Netty reported a leaked buffer. Registered for every
 * test by JUnit's extension auto-detection (src/test/resources/META-INF/services).
 */
public final class NettyLeaksExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        NettyLeaks.watch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        NettyLeaks.assertNone();
    }
}
