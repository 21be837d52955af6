package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks an index.html of a results folder: there, offline, and every link leads to a file beside it. */
final class IndexPages {

    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
    private static final Pattern IMAGE = Pattern.compile("<a class=\"chart\" href=\"([^\"]*)\"");

    /**
     * A decimal number; with 8 or more significant digits it is raw (0.996842228), not for people
     * (99.68%). The console block (a copy of the terminal) and the charts' own text are left out.
     */
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");

    private IndexPages() {
    }

    /** @return the charts the page shows inline, by the SVG file each links to */
    static List<String> assertSelfContained(Path resultsDir) throws IOException {
        Path index = resultsDir.resolve("index.html");
        assertTrue(Files.exists(index), "no index.html in " + resultsDir);
        String html = Files.readString(index);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"), "a whole page");
        assertFalse(html.contains("://"), "the page must not load anything from the network");
        assertFalse(html.contains("<script"), "no script");
        String prose = html.replaceAll("(?s)<pre>.*?</pre>", "").replaceAll("(?s)<svg .*?</svg>", "");
        Matcher raw = DECIMAL.matcher(prose);
        while (raw.find()) {
            String digits = raw.group().replace(".", "").replaceFirst("^0+", "");
            int at = raw.start();
            assertTrue(digits.length() < 8, () -> "a number printed raw, not for people: " + raw.group() + " in ..."
                    + prose.substring(Math.max(0, at - 120), Math.min(prose.length(), at + 40)));
        }
        Matcher links = LINK.matcher(html);
        List<String> images = new ArrayList<>();
        int count = 0;
        while (links.find()) {
            String target = links.group(1);
            count++;
            assertFalse(target.contains("/"), "links stay in the folder: " + target);
            assertTrue(Files.isRegularFile(resultsDir.resolve(target)), "index.html links to a missing file: " + target);
        }
        assertTrue(count > 0, "the page links to its files");
        Matcher imgs = IMAGE.matcher(html);
        while (imgs.find()) {
            images.add(imgs.group(1));
        }
        try (var files = Files.list(resultsDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("index.html")) {
                    assertTrue(html.contains("href=\"" + name + "\""), "index.html does not link to " + name);
                }
            }
        }
        assertTrue(html.split("<figure>", -1).length - 1 == images.size()
                && html.split("<svg viewBox=", -1).length - 1 == images.size(), "each chart is inline, once");
        assertTrue(images.isEmpty() || html.contains("<g class='tooltips'><path"), "hovering a chart shows its values");
        for (String image : images) {
            assertTrue(image.endsWith(".svg"), image);
            assertTrue(Files.readString(resultsDir.resolve(image)).startsWith("<?xml"), image + " is an SVG document");
            Path png = resultsDir.resolve(image.replace(".svg", ".png"));
            assertTrue(Files.size(png) > 1000, "a PNG beside " + image);
        }
        return images;
    }
}
