package zenlab.model;

/** What the summary shows of one connector VM at the end of a run. */
public record ConnectorView(String group, boolean enrolled, ConnectorState state, Cause lastCause, int upgrades,
                            int version, long certNotAfterNs, long clockOffsetNs) {
}
