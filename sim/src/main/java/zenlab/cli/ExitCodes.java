package zenlab.cli;

/** What zenlab's exit status means, for scripts and pipelines. */
final class ExitCodes {
    static final int OK = 0;
    /** The run finished and a scenario assertion failed. */
    static final int ASSERTION_FAILED = 1;
    /** The command line or the scenario is wrong; nothing was written. */
    static final int BAD_INPUT = 2;
    /** The run could not finish: an I/O error or a fault of zenlab's own. */
    static final int RUN_FAILED = 3;

    private ExitCodes() {
    }
}
