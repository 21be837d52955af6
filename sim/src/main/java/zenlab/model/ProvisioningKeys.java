package zenlab.model;

import java.util.List;
import zenlab.scenario.ProvisioningKeySpec;

/**
 * The tenant's provisioning keys as the cloud counts them: each key's name, its max_usage and
 * the uses so far. A VM that enrols with a key uses it once and is named {@code <key>-<n>}, n
 * the count after its use; an exhausted key refuses the next VM.
 */
final class ProvisioningKeys {

    private final String[] names;
    private final int[] maxUsage;
    private final int[] usage;
    private final String[] groups;

    ProvisioningKeys(List<ProvisioningKeySpec> keys) {
        names = new String[keys.size()];
        maxUsage = new int[keys.size()];
        usage = new int[keys.size()];
        groups = new String[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            names[k] = keys.get(k).name();
            maxUsage[k] = keys.get(k).maxUsage();
            groups[k] = keys.get(k).group();
        }
    }

    /** The key of a connector group, or -1 if it has none. */
    int ofGroup(String groupName) {
        for (int k = 0; k < groups.length; k++) {
            if (groups[k].equals(groupName)) {
                return k;
            }
        }
        return -1;
    }

    /** Uses key {@code k} once: the n of {@code <key>-<n>}, or -1 if it is exhausted (or missing). */
    int use(int k) {
        if (k < 0 || usage[k] >= maxUsage[k]) {
            return -1;
        }
        return ++usage[k];
    }

    /** Live: the real tenant counted the uses; {@code n} is its count after an accepted one. */
    void usedUpTo(int k, int n) {
        if (k >= 0) {
            usage[k] = Math.max(usage[k], n);
        }
    }

    int count() {
        return names.length;
    }

    String name(int k) {
        return names[k];
    }

    int usage(int k) {
        return usage[k];
    }

    int maxUsage(int k) {
        return maxUsage[k];
    }
}
