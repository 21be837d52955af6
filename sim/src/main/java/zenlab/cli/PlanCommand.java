package zenlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.cluster.ClusterMember;
import zenlab.cluster.ClusterOptions;
import zenlab.cluster.ClusterUnitExecutor;
import zenlab.cluster.MemberVersion;
import zenlab.drive.LocalUnitExecutor;
import zenlab.drive.StudyFailedException;
import zenlab.drive.StudyPlan;
import zenlab.drive.UnitExecutor;
import zenlab.drive.UnitStore;
import zenlab.plan.CostExpression;
import zenlab.plan.PlanResults;
import zenlab.plan.Planner;
import zenlab.plan.Requirement;
import zenlab.report.HumanNumbers;
import zenlab.report.WriteFailure;
import zenlab.scenario.Scenario;

/** {@code zenlab plan SCENARIO}: the cheapest configuration that meets the requirements, with a stated error bound. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        header = "Find the cheapest configuration that meets the requirements.",
        description = "Examines the grid of --vary values in order of --cost and replicates each configuration"
            + " only until a fully sequential feasibility check (Andradottir and Kim 2010) declares every"
            + " --require met or one not met, at --confidence, within --tolerance; the first declared feasible"
            + " is the answer. Writes plan.json, plan.csv, assertions.xml, a chart and index.html, the same"
            + " wherever it ran. Exit code 0: a configuration was found; 1: none; 2: bad input.",
        footerHeading = "%nExamples:%n",
        footer = {"  zenlab plan scenarios/plan-sydney.yaml \\",
            "      --require 'app.*.availability >= 0.9999' \\",
            "      --vary group.sydney.connectors=1..3 \\",
            "      --vary group.melbourne.upgrade_day=SUNDAY,WEDNESDAY",
            "  zenlab plan lab.yaml --require 'app.crm.availability >= 0.999' \\",
            "      --vary group.syd.connectors=1..3 --cost 'connectors * 120'"})
final class PlanCommand implements Callable<Integer> {

    /** Observations before the first decision (n0): enough for a variance, few enough to stop early. */
    static final int INITIAL_BATCHES = 10;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the fleet scenario .yaml file")
    private Path scenarioFile;

    @Option(names = "--require", paramLabel = "EXPR", required = true,
            description = "a requirement in the assertion grammar, like 'app.crm.availability >= 0.9999';"
                    + " app.* for every app; give it several times")
    private List<String> require = new ArrayList<>();

    @Option(names = "--vary", paramLabel = "PATH=VALUES", required = true,
            description = "a decision, like group.connectors=1..4 or group.syd.upgrade_day=SUNDAY,WEDNESDAY;"
                    + " several make a grid")
    private List<String> vary = new ArrayList<>();

    @Option(names = "--cost", paramLabel = "EXPR", defaultValue = CostExpression.DEFAULT,
            description = "what a configuration costs: + - * / over connectors, brokers, groups, apps and"
                    + " group.NAME.connectors (default: ${DEFAULT-VALUE})")
    private String cost;

    @Option(names = "--confidence", paramLabel = "P", defaultValue = "0.95",
            description = "chance that no configuration outside the tolerance is judged wrongly (default: ${DEFAULT-VALUE})")
    private double confidence;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "0.1",
            description = "the indifference zone, as a share of each bound's distance to its ideal (1 for"
                    + " availability, 0 for counts): 0.1 with >= 0.9999 is 0.00001 (default: ${DEFAULT-VALUE})")
    private double tolerance;

    @Option(names = "--max-replications", paramLabel = "N", defaultValue = "1000",
            description = "replications per configuration at most; then it is undecided (default: ${DEFAULT-VALUE})")
    private int maxReplications;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "5",
            description = "replications per observation of the procedure (default: ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: results/<scenario name>-plan)")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed of replication 0's derivation, instead of the scenario's")
    private Long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "units this process runs at once (default: all cores); on a cluster, its own share")
    private Integer threads;

    @Option(names = "--resume", description = "reuse the replications an interrupted plan with the same --out finished")
    private boolean resume;

    @Mixin
    private ClusterArguments clusterArguments = new ClusterArguments();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        String me = "zenlab plan: ";
        Optional<Scenario> loaded = ScenarioArgument.load(scenarioFile, seed, stderr);
        if (loaded.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        Scenario scenario = loaded.get();
        if (scenario.fleet() == null) {
            stderr.println(me + scenarioFile + ": a plan decides a fleet; this scenario is the queue test model");
            return ExitCodes.BAD_INPUT;
        }
        String problem = checkNumbers();
        if (problem != null) {
            stderr.println(me + problem);
            return ExitCodes.BAD_INPUT;
        }
        List<Requirement> requirements = new ArrayList<>();
        StudyPlan plan;
        CostExpression costExpression;
        try {
            for (String r : require) {
                requirements.addAll(Requirement.parse(r, scenario, tolerance));
            }
        } catch (IllegalArgumentException e) {
            stderr.println(me + "--require: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            plan = plan(scenario);
        } catch (IllegalArgumentException e) {
            stderr.println(me + "--vary: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            costExpression = CostExpression.parse(cost, scenario);
        } catch (IllegalArgumentException e) {
            stderr.println(me + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        int ownThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ClusterOptions clusterOptions;
        try {
            clusterOptions = clusterArguments.options(ownThreads);
        } catch (IllegalArgumentException e) {
            stderr.println(me + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path outDir = out != null ? out : Path.of("results", scenario.name() + "-plan");
        UnitStore store;
        try {
            store = UnitStore.open(outDir, plan.fingerprint(MemberVersion.current()), resume);
        } catch (IllegalArgumentException e) {
            stderr.println(me + "--resume: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Planner.Options options = new Planner.Options(confidence, batch, INITIAL_BATCHES);
        Planner planner = new Planner(requirements, costExpression, options);
        long startNs = System.nanoTime();
        Planner.Outcome outcome;
        String where;
        try (UnitExecutor executor = clusterOptions == null ? new LocalUnitExecutor(ownThreads)
                : new ClusterUnitExecutor(ClusterMember.start(clusterOptions), stderr)) {
            where = executor.describe();
            if (store.size() > 0) {
                stderr.printf(Locale.ROOT, "zenlab plan: resuming: %d replications already finished%n", store.size());
            }
            outcome = planner.run(plan, executor, store);
        } catch (StudyFailedException e) {
            stderr.println(me + e.getMessage() + " (finished replications are kept: --resume reuses them)");
            return ExitCodes.RUN_FAILED;
        }
        double wallSeconds = (System.nanoTime() - startNs) / 1e9;
        ObjectNode json = PlanResults.json(plan, requirements, costExpression, options, outcome);
        Path written;
        try {
            written = PlanResults.write(json, outDir, reproduce(), outcome.unitsByMember());
        } catch (IOException | java.io.UncheckedIOException e) {
            stderr.println(me + WriteFailure.of("the plan", outDir, WriteFailure.ioCause(e)).getMessage()
                    + " (finished replications are kept: --resume writes the plan once there is room)");
            return ExitCodes.RUN_FAILED;
        }
        store.remove();
        print(stdout, scenario, json, wallSeconds, where, written);
        return outcome.chosen() != null ? ExitCodes.OK : ExitCodes.ASSERTION_FAILED;
    }

    private String checkNumbers() {
        if (!(confidence > 0.5 && confidence < 1)) {
            return "--confidence: expected a probability between 0.5 and 1, like 0.95, found " + confidence;
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            return "--tolerance: expected a share between 0 and 1, like 0.1, found " + tolerance;
        }
        if (batch < 1 || batch > 1000) {
            return "--batch: expected 1 to 1000 replications, found " + batch;
        }
        if (maxReplications < INITIAL_BATCHES * batch || maxReplications > 1_000_000 || maxReplications % batch != 0) {
            return "--max-replications: expected a multiple of --batch (" + batch + ") from " + INITIAL_BATCHES * batch
                    + " (the first " + INITIAL_BATCHES + " batches) to 1000000, found " + maxReplications;
        }
        return null;
    }

    /** The grid, each point checked before anything runs; replications are the limit per configuration. */
    private StudyPlan plan(Scenario scenario) throws IOException {
        return StudyPlan.grid(scenarioFile.toString(), Files.readString(scenarioFile, StandardCharsets.UTF_8), scenario,
                vary, maxReplications);
    }

    private String reproduce() {
        StringBuilder command = new StringBuilder("zenlab plan ").append(scenarioFile);
        for (String r : require) {
            command.append(" --require '").append(r).append('\'');
        }
        for (String v : vary) {
            command.append(" --vary ").append(v);
        }
        command.append(" --cost '").append(cost).append("' --confidence ").append(confidence).append(" --tolerance ")
                .append(tolerance).append(" --batch ").append(batch).append(" --max-replications ").append(maxReplications);
        if (seed != null) {
            command.append(" --seed ").append(seed);
        }
        return command.toString();
    }

    private static void print(PrintWriter out, Scenario scenario, JsonNode json, double wallSeconds, String where,
                              Path written) {
        out.printf(Locale.ROOT, "zenlab %s  plan %s  %d configurations  confidence %s  %s replications in %.1f s on %s%n",
                VersionProvider.version(), scenario.name(), json.path("configurations").size(),
                json.path("confidence").asText(), HumanNumbers.number(json.path("replications").asDouble()), wallSeconds,
                where);
        String first = json.path("requirements").get(0).path("figure").asText();
        int width = "configuration".length();
        for (JsonNode c : json.path("configurations")) {
            width = Math.max(width, c.path("value").asText().length());
        }
        String row = "%-8s %-" + width + "s %-13s %12s  %s";
        out.println(String.format(Locale.ROOT, row, "cost", "configuration", "verdict", "replications",
                first + " [95% CI]").stripTrailing());
        for (JsonNode c : json.path("configurations")) {
            JsonNode f = c.path("figures").isEmpty() ? null : c.path("figures").get(0);
            String figure = f == null ? "" : String.format(Locale.ROOT, "%.6f [%s, %s]", f.path("mean").asDouble(),
                    f.path("ciLow").isNumber() ? String.format(Locale.ROOT, "%.6f", f.path("ciLow").asDouble()) : "?",
                    f.path("ciHigh").isNumber() ? String.format(Locale.ROOT, "%.6f", f.path("ciHigh").asDouble()) : "?");
            out.println(String.format(Locale.ROOT, row, HumanNumbers.number(c.path("cost").asDouble()),
                    c.path("value").asText(), c.path("verdict").asText(),
                    c.path("replications").asInt() == 0 ? "" : c.path("replications").asText(), figure).stripTrailing());
        }
        JsonNode chosen = json.path("chosen");
        out.println(chosen.isNull() ? "no configuration of the grid was declared feasible"
                : "cheapest feasible: " + chosen.path("value").asText() + " (cost "
                        + HumanNumbers.number(chosen.path("cost").asDouble()) + ")");
        out.printf(Locale.ROOT, "a grid study with the same guarantee: %s replications (%.1fx as many);"
                        + " sized in hindsight: %s (%.1fx)%n",
                HumanNumbers.number(json.path("fixedGridReplications").asDouble()),
                json.path("fixedGridReplicationsPerPlanReplication").asDouble(),
                HumanNumbers.number(json.path("hindsightGridReplications").asDouble()),
                json.path("hindsightGridReplicationsPerPlanReplication").asDouble());
        Path cwd = Path.of("").toAbsolutePath();
        Path shown = written.startsWith(cwd) ? cwd.relativize(written) : written;
        out.println("results  " + shown + "/");
    }
}
