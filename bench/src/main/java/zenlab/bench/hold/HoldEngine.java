package zenlab.bench.hold;

/** An event list running the hold model through its own scheduling and dispatch. */
public interface HoldEngine {

    /** Fills the list with {@code pending} events at Exp(1) times. */
    void fill(int pending, HoldDraws draws);

    /** One hold operation: the earliest event fires and schedules one at now + Exp(1). */
    void hold();

    /** Events pending, for checks. */
    int pending();

    /** The engine's clock in seconds, for checks and to keep the work observable. */
    double nowSeconds();
}
