package zenlab.model.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueingTheoryTest {

    @Test
    void shouldGiveOneOverMuMinusLambdaForMM1() {
        QueueingTheory theory = QueueingTheory.of(new QueueParameters(0.9, 1.0, 1, QueueParameters.UNLIMITED, 0));
        assertEquals(10.0, theory.meanTimeInSystemS(), 1e-9);
        assertEquals(0.9, theory.utilization(), 1e-12);
    }

    @Test
    void shouldGiveErlangBForTheLossSystemAndAgreeWithTheBirthDeathChain() {
        QueueingTheory loss = QueueingTheory.of(new QueueParameters(8.0, 1.0, 10, 10, 0));
        assertEquals(QueueingValidationTest.erlangB(10, 8.0), loss.blockingProbability(), 1e-12);
        assertEquals(0.12166106425295149, loss.blockingProbability(), 1e-9); // tables: B(10, 8) = 0.1217
        assertEquals(1.0, loss.meanTimeInSystemS(), 1e-9, "no waiting in a loss system");
    }

    @Test
    void shouldApproachTheUnlimitedQueueAsRoomGrows() {
        QueueingTheory unlimited = QueueingTheory.of(new QueueParameters(4.0, 1.0, 5, QueueParameters.UNLIMITED, 0));
        QueueingTheory large = QueueingTheory.of(new QueueParameters(4.0, 1.0, 5, 2000, 0));
        assertEquals(unlimited.meanTimeInSystemS(), large.meanTimeInSystemS(), 1e-9);
        assertTrue(large.blockingProbability() < 1e-12);
    }

    @Test
    void shouldReportAnUnstableQueueAsHavingNoMean() {
        QueueingTheory unstable = QueueingTheory.of(new QueueParameters(2.0, 1.0, 1, QueueParameters.UNLIMITED, 0));
        assertTrue(Double.isNaN(unstable.meanTimeInSystemS()));
    }
}
