package zenlab.cluster;

/**
 * The zenlab version a member announces and checks: units run only on members of the same
 * version, since a unit's result must not depend on where it ran.
 */
public final class MemberVersion {

    /**
     * Makes a process announce another version, so that a test can start a member of "another
     * release" from the same build.
     */
    public static final String OVERRIDE_PROPERTY = "zenlab.cluster.versionOverride";

    private MemberVersion() {
    }

    /** The jar's version, {@code dev} when run from classes, or the override. */
    public static String current() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override;
        }
        String version = MemberVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
