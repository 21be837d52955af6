package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import zenlab.scenario.ScenarioError;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/**
 * Hostile scenario files: every bundled scenario mutated a few hundred ways (lines deleted,
 * duplicated, swapped, truncated, random bytes and deep nesting inserted, numbers and strings
 * blown up), seeded so a failure repeats. Each must load or be refused with positioned
 * problems, never anything else; and the command line refuses the worst of them in one line.
 */
class ScenarioFuzzTest {

    private static final int MUTATIONS_PER_SCENARIO = 150;
    private static final long SEED = 20261203L;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldLoadOrRefuseEveryMutationWithPositionedProblems() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        int refused = 0;
        int loaded = 0;
        for (Path file : ScenarioFiles.all()) {
            String text = Files.readString(file);
            for (int i = 0; i < MUTATIONS_PER_SCENARIO; i++) {
                String mutated = mutate(text, random);
                try {
                    ScenarioLoader.parse("fuzz.yaml", mutated);
                    loaded++;
                } catch (ScenarioException e) {
                    refused++;
                    assertTrue(!e.errors().isEmpty(), "a refusal names its problems");
                    for (ScenarioError error : e.errors()) {
                        assertTrue(error.line() >= 1 && error.column() >= 1 && error.message().contains("expected"),
                                "problem without a position or an expectation: " + error + "\nin:\n" + head(mutated));
                    }
                } catch (Throwable t) {
                    fail("mutation " + i + " of " + file.getFileName() + " threw " + t + "\n" + head(mutated), t);
                }
            }
        }
        assertTrue(refused > 1000 && loaded > 100, "refused " + refused + ", loaded " + loaded);
    }

    @Test
    void shouldRefuseEachLimitInOneLineWithExitTwo() throws Exception {
        String base = Files.readString(ScenarioFiles.root().resolve("scenarios/melbourne-pair.yaml"));
        List<String> hostile = List.of(
                base + "\ndescription: " + "[".repeat(5000) + "\n",
                base + "\ndescription: " + "{a: ".repeat(3000) + "\n",
                base + "\n---\nname: second\n",
                base + "\n# " + "x".repeat(9 << 20) + "\n",
                base + "\n" + "k".repeat(200) + ": 1\n",
                base + "\ndescription: '" + "x".repeat(10_000) + "'\n",
                "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                        + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
                "name: x\nduration: 1d\nqueue: {arrival_rate_per_s: 1e999, service_rate_per_s: 2, servers: 1}\n",
                "name: x\nduration: 99999999999d\nqueue: {arrival_rate_per_s: 1, service_rate_per_s: 2, servers: 1}\n");
        for (int i = 0; i < hostile.size(); i++) {
            Path file = dir.resolve("hostile-" + i + ".yaml");
            Files.writeString(file, hostile.get(i));
            for (String command : List.of("validate", "run")) {
                List<String> args = new ArrayList<>(List.of(command, file.toString()));
                if (command.equals("run")) {
                    args.addAll(List.of("--out", dir.resolve("out-" + i).toString(), "--quiet"));
                }
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertEquals(2, run.exitCode(), command + " of hostile file " + i + ": " + run.err());
                assertTrue(run.err().lines().count() <= 3 && run.err().lines().allMatch(l -> l.startsWith(file.toString() + ":")),
                        command + " of hostile file " + i + " printed: " + head(run.err()));
                assertTrue(!Files.exists(dir.resolve("out-" + i)), "nothing written for hostile file " + i);
            }
        }
    }

    private static String mutate(String text, SplittableRandom random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (random.nextInt(9)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> {
                int other = random.nextInt(lines.size());
                String swap = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, swap);
            }
            case 3 -> {
                return text.substring(0, random.nextInt(text.length()));
            }
            case 4 -> {
                byte[] noise = new byte[1 + random.nextInt(12)];
                random.nextBytes(noise);
                int pos = random.nextInt(text.length());
                return text.substring(0, pos) + new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1)
                        + text.substring(pos);
            }
            case 5 -> lines.add(at, "x: " + "[".repeat(50 + random.nextInt(3000)));
            case 6 -> lines.set(at, lines.get(at).replaceAll("\\d+", random.nextBoolean() ? "99999999999999999999" : "-1"));
            case 7 -> lines.set(at, lines.get(at).replaceAll(": [A-Za-z]\\w*", ": " + "z".repeat(random.nextInt(6000))));
            default -> {
                String line = lines.get(at);
                int pos = line.isEmpty() ? 0 : random.nextInt(line.length());
                String[] tokens = {":", "- ", "{", "}", "[", "]", "&a ", "*a", "!!binary ", "'", "\"", "#", "\t", "%YAML 1.1"};
                lines.set(at, line.substring(0, pos) + tokens[random.nextInt(tokens.length)] + line.substring(pos));
            }
        }
        return String.join("\n", lines);
    }

    private static String head(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
