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
    private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]*)\"");

    private IndexPages() {
    }

    /** @return the charts (img sources) the page shows */
    static List<String> assertSelfContained(Path resultsDir) throws IOException {
        Path index = resultsDir.resolve("index.html");
        assertTrue(Files.exists(index), "no index.html in " + resultsDir);
        String html = Files.readString(index);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"), "a whole page");
        assertFalse(html.contains("://"), "the page must not load anything from the network");
        assertFalse(html.contains("<script"), "no script");
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
        for (String image : images) {
            assertTrue(image.endsWith(".svg"), image);
            assertTrue(Files.readString(resultsDir.resolve(image)).startsWith("<?xml"), image + " is an SVG document");
            Path png = resultsDir.resolve(image.replace(".svg", ".png"));
            assertTrue(Files.size(png) > 1000, "a PNG beside " + image);
        }
        return images;
    }
}
