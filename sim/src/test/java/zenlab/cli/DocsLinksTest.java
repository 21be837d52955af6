package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README is the front door: short, every link in it and in docs/ leads somewhere, every scenario listed. */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ScenarioFiles.root().resolve("README.md"));
        try (Stream<Path> files = Files.list(ScenarioFiles.root().resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void shouldResolveEveryLinkToAFileAndEveryAnchorToAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : documents()) {
            Matcher m = LINK.matcher(withoutCodeBlocks(Files.readString(doc)));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // a web address: not ours to check offline
                }
                links++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc.getFileName() + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(doc.getFileName() + ": " + target + " (no such heading; headings are " + anchors(resolved) + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(links > 20, "links checked: " + links);
    }

    @Test
    void shouldListEveryBundledScenarioInTheReadme() throws IOException {
        String readme = Files.readString(ScenarioFiles.root().resolve("README.md"));
        for (Path scenario : ScenarioFiles.all()) {
            assertTrue(readme.contains("](scenarios/" + scenario.getFileName() + ")"),
                    scenario.getFileName() + " is not linked from the README's bundled scenarios");
        }
    }

    @Test
    void shouldKeepTheReadmeShortWithTheTwoCommandsFirst() throws IOException {
        Path readme = ScenarioFiles.root().resolve("README.md");
        // 13 KiB since import and plan joined the command table (2026-12-06): still a few screens.
        assertTrue(Files.size(readme) <= 13 * 1024, "README is " + Files.size(readme) + " bytes; depth belongs in docs/");
        String text = Files.readString(readme);
        int firstBlock = text.indexOf("```sh");
        assertTrue(firstBlock > 0 && text.indexOf("./zenlab run scenarios/", firstBlock) > 0
                && text.indexOf("mvn -B verify", firstBlock) < text.indexOf("```", firstBlock + 5),
                "the first code block holds the run command and the test command");
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path doc) throws IOException {
        List<String> anchors = new ArrayList<>();
        Matcher m = HEADING.matcher(withoutCodeBlocks(Files.readString(doc)));
        while (m.find()) {
            anchors.add(m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
