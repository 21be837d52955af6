package zenlab.tfimport;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Scenario names from ZPA names: a scenario name is letters, digits, '.', '_' and '-' (at most
 * 64), ZPA's may hold spaces and anything else. Each kind (groups, keys, apps) gets names unique
 * among its own.
 */
final class ImportedNames {

    private static final int MAX = 64;
    private final Set<String> taken = new HashSet<>();

    /** A name for {@code zpaName} not given before, like {@code Sydney-DC} for "Sydney DC" (then {@code Sydney-DC-2}). */
    String of(String zpaName, String fallback) {
        String base = zpaName == null ? "" : zpaName.replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[^A-Za-z0-9]+", "").replaceAll("-+$", "");
        if (base.isEmpty()) {
            base = fallback;
        }
        if (base.length() > MAX - 4) {
            base = base.substring(0, MAX - 4);
        }
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
