package zenlab.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes of files as people write and read them: {@code 500MB}, {@code 2GB}, {@code 1.5 GiB}. */
public final class ByteSizes {

    /** What {@link #parse} accepts, for messages. */
    public static final String EXPECTED = "a size with a unit (KB, MB, GB, TB or KiB, MiB, GiB, TiB), like 500MB,"
            + " or unlimited";

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B)", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    /**
     * Bytes of {@code text}; {@code unlimited} is {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} when the text is not a size
     */
    public static long parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("unlimited")) {
            return Long.MAX_VALUE;
        }
        Matcher m = SIZE.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found '" + text + "'");
        }
        double bytes = Double.parseDouble(m.group(1)) * unit(m.group(2).toUpperCase(Locale.ROOT));
        if (!(bytes < Long.MAX_VALUE)) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found '" + text + "' (too large)");
        }
        return (long) bytes;
    }

    private static double unit(String unit) {
        boolean binary = unit.contains("I");
        double base = binary ? 1024 : 1000;
        switch (unit.charAt(0)) {
            case 'K': return base;
            case 'M': return base * base;
            case 'G': return base * base * base;
            default: return base * base * base * base;
        }
    }

    /** 5.4 GB, 628 MB, 12 kB: decimal units, two or three significant digits. */
    public static String format(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "unlimited";
        }
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 999.5 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
