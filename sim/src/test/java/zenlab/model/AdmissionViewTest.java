package zenlab.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdmissionViewTest {

    private final AdmissionView view = new AdmissionView(new double[] {500, 250});

    @Test
    void shouldFollowEachConnectorsStateOnItsOwn() {
        view.stateChanged(0, ConnectorState.PAUSED);
        assertTrue(view.paused(0));
        assertFalse(view.paused(1));
        view.stateChanged(0, ConnectorState.CONNECTED);
        assertFalse(view.paused(0));
        view.stateChanged(1, ConnectorState.PAUSED);
        assertTrue(view.paused(1));
        assertFalse(view.paused(0));
    }

    @Test
    void shouldKeepFlagsApartWhenOneChanges() {
        view.linkChanged(1, true);
        view.stateChanged(1, ConnectorState.PAUSED);
        view.dnsFailuresChanged(1, true);
        view.stateChanged(1, ConnectorState.CONNECTED);
        assertTrue(view.linkStalled(1));
        assertFalse(view.paused(1));
        view.linkChanged(1, false);
        assertFalse(view.linkStalled(1));
        assertFalse(view.linkStalled(0));
    }

    @Test
    void shouldAdmitUpToEachConnectorsOwnCapacity() {
        view.allocate(1, 249);
        assertTrue(view.fits(1, 1));
        assertFalse(view.fits(1, 1.001));
        assertTrue(view.fits(0, 500));
        view.free(1, 249);
        assertTrue(view.fits(1, 250));
        assertFalse(view.fits(1, 250.001));
    }
}
