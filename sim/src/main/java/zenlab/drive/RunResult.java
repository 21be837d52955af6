package zenlab.drive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import zenlab.report.AssertionOutcome;

/** What a finished run produced: its summary, its assertion outcomes and where its files are. */
public record RunResult(ObjectNode summary, List<AssertionOutcome> assertions, Path resultsDir,
                        List<String> consoleLines) {

    public boolean allAssertionsPassed() {
        return assertions.stream().allMatch(AssertionOutcome::passed);
    }
}
