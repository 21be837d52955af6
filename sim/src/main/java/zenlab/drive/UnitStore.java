package zenlab.drive;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import zenlab.report.ResultsDirectory;

/**
 * The finished units of a study, kept beside its results folder (in {@code .NAME.units/}) while
 * it runs, so that {@code --resume} after an interruption runs only the units still missing.
 * Each unit is one file, written whole or not at all (a temporary file renamed into place); the
 * folder's {@value #PLAN_FILE} holds the plan's fingerprint, so units of another study are
 * never mixed in. The folder goes once the study's results are in place.
 */
public final class UnitStore {

    static final String PLAN_FILE = "plan.sha256";
    private static final Pattern UNIT_FILE = Pattern.compile("p(\\d+)-r(\\d+)\\.json");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** A unit's saved result and the member that ran it. */
    public record Saved(Replication result, String member) {
    }

    private final Path dir;
    private final Map<String, Saved> saved = new HashMap<>();

    private UnitStore(Path dir) {
        this.dir = dir;
    }

    /** Where the units of the study written to {@code outDir} are kept. */
    public static Path folderOf(Path outDir) {
        Path target = outDir.toAbsolutePath().normalize();
        return target.resolveSibling("." + target.getFileName() + ".units");
    }

    /**
     * Opens the store of the study written to {@code outDir}: with {@code resume}, the units an
     * interrupted run of the same plan finished; without, an empty store (earlier units dropped).
     *
     * @throws IllegalArgumentException if there is nothing to resume, or it is another study's
     */
    public static UnitStore open(Path outDir, String fingerprint, boolean resume) throws IOException {
        Path dir = folderOf(outDir);
        UnitStore store = new UnitStore(dir);
        if (resume) {
            Path plan = dir.resolve(PLAN_FILE);
            if (!Files.isRegularFile(plan)) {
                throw new IllegalArgumentException("nothing to resume: no interrupted study for " + outDir
                        + " (its units would be in " + dir + "); expected the --out of a study that did not finish");
            }
            if (!Files.readString(plan, StandardCharsets.UTF_8).trim().equals(fingerprint)) {
                throw new IllegalArgumentException("the interrupted study in " + dir + " ran another scenario, seed,"
                        + " --vary, --replications or zenlab version; expected the command line it was started with");
            }
            store.load();
            return store;
        }
        ResultsDirectory.deleteTree(dir);
        Files.createDirectories(dir);
        write(dir.resolve(PLAN_FILE), (fingerprint + "\n").getBytes(StandardCharsets.UTF_8));
        return store;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "p*-r*.json")) {
            for (Path file : files) {
                Matcher m = UNIT_FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                JsonNode node = JSON.readTree(Files.readAllBytes(file));
                Replication result = JSON.treeToValue(node.path("result"), Replication.class);
                saved.put(key(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                        new Saved(result, node.path("member").asText()));
            }
        }
    }

    /** The saved result of a unit, or null if it has not finished. */
    public Saved saved(StudyUnit unit) {
        return saved.get(key(unit.point(), unit.replication()));
    }

    /** How many units the store holds. */
    public int size() {
        return saved.size();
    }

    /** Saves a finished unit, whole or not at all. Safe from any thread. */
    public void save(StudyUnit unit, Replication result, String member) {
        ObjectNode node = JSON.createObjectNode();
        node.put("member", member);
        node.set("result", JSON.valueToTree(result));
        try {
            write(dir.resolve("p" + unit.point() + "-r" + unit.replication() + ".json"), JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save unit " + unit + " in " + dir, e);
        }
    }

    /** Removes the store once the study's results are in place. */
    public void remove() throws IOException {
        ResultsDirectory.deleteTree(dir);
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".unit-", ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String key(int point, int replication) {
        return point + "/" + replication;
    }
}
