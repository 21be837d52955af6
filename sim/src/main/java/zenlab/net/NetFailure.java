package zenlab.net;

import zenlab.model.Cause;

/** A refusal or failure of the real data path, with its shared cause: what futures complete with. */
public final class NetFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Cause cause;

    public NetFailure(Cause cause, String message) {
        super(cause.name() + ": " + message, null, false, false);
        this.cause = cause;
    }

    public Cause failureCause() {
        return cause;
    }
}
