package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replay: a run completed on the simulated model is replayed with a changed prompt and with a
 * changed spec (a node added, a condition changed); the per-node statuses and diffs are
 * reported, and nothing is paid, written to the ledger or started. Readers of the run may
 * replay it, nobody else; a bad spec is a 422 with JSON paths; the command line prints it.
 */
class ReplayIT extends IntegrationTest {

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  HistoryService history;

  private static Map<String, Object> agent(String id, String prompt, String... dependencies) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("id", id);
    node.put("type", "agent_task");
    node.put("agent_type", "builder");
    node.put("config", Map.of("prompt", prompt));
    node.put("dependencies", List.of(dependencies));
    return node;
  }

  private static Map<String, Object> spec(List<Map<String, Object>> nodes, String priority) {
    return Map.of("metadata", Map.of("name", "Replay me", "budget_usd", 1.0),
        "nodes", nodes,
        "edges", List.of(
            Map.of("from", "route", "to", "fast", "condition",
                Map.of("field", "input.priority", "operator", "==", "value", priority)),
            Map.of("from", "route", "to", "slow", "condition", "default")));
  }

  private static List<Map<String, Object>> nodes(boolean withCheck) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    nodes.add(agent("triage", "Triage {{input.task}}"));
    if (withCheck) {
      nodes.add(agent("check", "Check the triage: {{triage.output}}", "triage"));
    }
    nodes.add(Map.of("id", "route", "type", "condition", "dependencies",
        List.of(withCheck ? "check" : "triage")));
    nodes.add(agent("fast", "Fix {{input.task}} now"));
    nodes.add(agent("slow", "Plan {{input.task}} carefully"));
    return nodes;
  }

  private static Map<String, String> statuses(JsonNode report) {
    Map<String, String> byNode = new LinkedHashMap<>();
    report.path("nodes").forEach(n -> byNode.put(n.path("node_id").asText(),
        n.path("status").asText()));
    return byNode;
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  @Test
  void aCompletedRunReplaysAgainstChangedPromptsAndSpecsWithoutCost() throws Exception {
    ApiClient alice = api("alice", "alice");
    var deployed = alice.post("/api/workflows", Map.of("slug", "replay-me",
        "spec", spec(nodes(false), "high")));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    String run = alice.startRun("replay-me", Map.of("task", "the login bug",
        "priority", "high"));
    assertThat(alice.awaitEnd(run).path("status").asText()).isEqualTo("completed");

    // the journal keeps what ran, completed, with the prompt the model was given
    assertThat(jdbc.queryForList("SELECT node_id FROM baton_reply_journal WHERE run_id = ? "
        + "AND completed_at IS NOT NULL ORDER BY recorded_at", String.class, run))
        .containsExactly("triage", "fast");
    assertThat(jdbc.queryForObject("SELECT prompt FROM baton_reply_journal WHERE run_id = ? "
        + "AND node_id = 'fast'", String.class, run)).isEqualTo("Fix the login bug now");

    long ledger = count("SELECT COUNT(*) FROM baton_cost_ledger");
    long instances = history.createHistoricProcessInstanceQuery().count();
    long journal = count("SELECT COUNT(*) FROM baton_reply_journal");

    // the run's own spec with a new prompt for one node
    var prompted = alice.post("/api/workflows/runs/" + run + "/replay",
        Map.of("prompts", Map.of("fast", "Fix {{input.task}} now, with a test")));
    assertThat(prompted.status()).as(prompted.body()).isEqualTo(200);
    JsonNode report = prompted.json();
    assertThat(statuses(report)).containsExactly(Map.entry("triage", "same"),
        Map.entry("route", "same"), Map.entry("fast", "prompt_changed"),
        Map.entry("slow", "not_reached"));
    JsonNode fast = report.path("nodes").get(2);
    assertThat(fast.path("diff").asText()).contains("-Fix the login bug now\n")
        .contains("+Fix the login bug now, with a test\n");
    assertThat(fast.path("task_id").asText()).isNotBlank();
    assertThat(report.path("dry_run").asBoolean()).isTrue();
    assertThat(report.path("outcome").asText()).isEqualTo("completed");
    assertThat(report.at("/totals/model_cost_usd").decimalValue()).isZero();
    assertThat(report.at("/totals/model_calls_avoided").asInt()).isEqualTo(2);
    assertThat(report.at("/totals/model_calls_needed").asInt()).isZero();

    // a changed spec: a node added before the condition, the condition routing elsewhere
    var respecced = alice.post("/api/workflows/runs/" + run + "/replay",
        Map.of("spec", spec(nodes(true), "urgent")));
    assertThat(respecced.status()).as(respecced.body()).isEqualTo(200);
    JsonNode changed = respecced.json();
    assertThat(statuses(changed)).containsExactly(Map.entry("triage", "same"),
        Map.entry("check", "new"), Map.entry("route", "path_changed"),
        Map.entry("slow", "new"), Map.entry("fast", "skipped"));
    assertThat(changed.path("nodes").get(2).path("summary").asText())
        .isEqualTo("now goes to slow (recorded: fast)");
    assertThat(changed.path("nodes").get(1).path("estimated_cost_usd").decimalValue())
        .isPositive();
    assertThat(changed.at("/totals/model_calls_needed").asInt()).isEqualTo(2);
    assertThat(changed.at("/totals/model_cost_usd").decimalValue()).isZero();

    // nothing paid, nothing started, nothing journalled; the replays are audited
    assertThat(count("SELECT COUNT(*) FROM baton_cost_ledger")).isEqualTo(ledger);
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(count("SELECT COUNT(*) FROM baton_reply_journal")).isEqualTo(journal);
    assertThat(count("SELECT COUNT(*) FROM baton_audit_log WHERE action = 'run.replayed' "
        + "AND run_id = ?", run)).isEqualTo(2);

    // reading the run is enough: a viewer may replay; another tenant's user finds no run
    assertThat(api("erin", "erin").post("/api/workflows/runs/" + run + "/replay", Map.of())
        .status()).isEqualTo(200);
    var foreign = api("zoe", "zoe").post("/api/workflows/runs/" + run + "/replay", Map.of());
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(alice.post("/api/workflows/runs/no-such-run/replay", Map.of()).status())
        .isEqualTo(404);

    // a bad spec or prompt: 422 with JSON paths, as deploy answers
    var bad = alice.post("/api/workflows/runs/" + run + "/replay",
        Map.of("spec", Map.of("metadata", Map.of("name", "Bad"), "nodes", List.of(
            Map.of("id", "a", "type", "agent_task", "dependencies", List.of("nope"))))));
    assertThat(bad.status()).as(bad.body()).isEqualTo(422);
    assertThat(bad.json().path("errors").findValuesAsText("path"))
        .anyMatch(p -> p.startsWith("$.nodes[0]"));
    var badPrompt = alice.post("/api/workflows/runs/" + run + "/replay",
        Map.of("prompts", Map.of("nope", "x", "route", "y")));
    assertThat(badPrompt.status()).isEqualTo(422);
    assertThat(badPrompt.json().path("errors").findValuesAsText("path"))
        .containsExactlyInAnyOrder("$.prompts.nope", "$.prompts.route");

    // the command line: a table, the diff, exit code 0; no such run: exit code 3
    Path prompt = Files.createTempFile("fast", ".txt");
    Files.writeString(prompt, "Fix {{input.task}} today");
    CliResult cli = runCli("alice", "runs", "replay", run, "--prompt", "fast=" + prompt);
    assertThat(cli.code()).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("fast\\s+prompt_changed\\s+prompt changed")
        .containsPattern("triage\\s+same").contains("+Fix the login bug today")
        .contains("model cost of this replay: $0");
    Path specFile = Files.createTempFile("spec", ".json");
    Files.writeString(specFile, new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValueAsString(spec(nodes(true), "urgent")));
    CliResult json = runCli("alice", "runs", "replay", run, "--spec", specFile.toString(),
        "--json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"path_changed\"");
    assertThat(runCli("alice", "runs", "replay", "no-such-run").code()).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM baton_cost_ledger")).isEqualTo(ledger);
  }

  @Test
  void aLoopReplaysOneLinePerRoundFromItsJournalledRounds() {
    ApiClient alice = api("alice", "alice");
    // the simulated critic always passes: "passed" sends the draft round again, twice (the
    // guard), then the run publishes
    Map<String, Object> loop = Map.of("metadata", Map.of("name", "Replay loop"),
        "nodes", List.of(
            Map.of("id", "draft", "type", "agent_task", "agent_type", "docs"),
            Map.of("id", "critic", "type", "agent_task", "agent_type", "qa",
                "config", Map.of("output_format", "structured"), "dependencies",
                List.of("draft")),
            Map.of("id", "again", "type", "condition", "config", Map.of("max_iterations", 2),
                "dependencies", List.of("critic")),
            Map.of("id", "refine", "type", "agent_task", "agent_type", "docs"),
            Map.of("id", "publish", "type", "agent_task", "agent_type", "docs")),
        "edges", List.of(
            Map.of("from", "again", "to", "refine", "condition",
                Map.of("field", "critic.output.passed", "operator", "==", "value", true)),
            Map.of("from", "again", "to", "publish", "condition", "default"),
            Map.of("from", "refine", "to", "critic")));
    var deployed = alice.post("/api/workflows", Map.of("slug", "replay-loop", "spec", loop));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    String run = alice.startRun("replay-loop", Map.of("topic", "replay"));
    JsonNode done = alice.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    List<String> journalled = jdbc.queryForList("SELECT node_id FROM baton_reply_journal "
        + "WHERE run_id = ? ORDER BY recorded_at, task_id", String.class, run);
    long critics = journalled.stream().filter("critic"::equals).count();
    assertThat(critics).isEqualTo(3);

    var replayed = alice.post("/api/workflows/runs/" + run + "/replay", Map.of());
    assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
    JsonNode report = replayed.json();
    List<String> lines = new ArrayList<>();
    report.path("nodes").forEach(n -> lines.add(n.path("node_id").asText() + "#"
        + n.path("round").asInt() + " " + n.path("status").asText()));
    // the run's own spec routes the recorded replies as the engine did: every round again,
    // each reusing its own recorded reply, in the order they were recorded
    assertThat(lines).allMatch(l -> l.endsWith(" same"), "all same");
    List<String> agentLines = new ArrayList<>();
    List<String> taskIds = new ArrayList<>();
    report.path("nodes").forEach(n -> {
      if ("agent_task".equals(n.path("type").asText())) {
        agentLines.add(n.path("node_id").asText());
        taskIds.add(n.path("task_id").asText());
      }
    });
    assertThat(agentLines).containsExactlyElementsOf(journalled);
    assertThat(taskIds).doesNotHaveDuplicates();
    assertThat(report.path("outcome").asText()).isEqualTo("completed");
    assertThat(lines).contains("critic#3 same", "again#3 same", "refine#2 same",
        "publish#1 same");

    // a tighter guard: the second round is not taken, later rounds are skipped
    Map<String, Object> tighter = new LinkedHashMap<>(loop);
    List<Object> nodes = new ArrayList<>((List<?>) loop.get("nodes"));
    nodes.set(2, Map.of("id", "again", "type", "condition", "config",
        Map.of("max_iterations", 1), "dependencies", List.of("critic")));
    tighter.put("nodes", nodes);
    JsonNode tight = alice.post("/api/workflows/runs/" + run + "/replay",
        Map.of("spec", tighter)).json();
    assertThat(statuses(tight)).containsEntry("again", "skipped")
        .containsEntry("refine", "skipped").containsEntry("publish", "same");
    assertThat(tight.path("nodes").findValuesAsText("status")).contains("path_changed");
  }

  @Test
  void aRecordedGateDecisionIsReusedAndANewGateWouldWait() {
    ApiClient alice = api("alice", "alice");
    Map<String, Object> gate = Map.of("id", "review", "type", "approval_gate",
        "config", Map.of("required_role", "TenantAdmin"), "dependencies", List.of("draft"));
    List<Map<String, Object>> nodes = List.of(agent("draft", "Draft {{input.task}}"), gate,
        agent("ship", "Ship {{draft.output}}", "review"));
    var deployed = alice.post("/api/workflows", Map.of("slug", "replay-gate",
        "spec", Map.of("metadata", Map.of("name", "Replay gate"), "nodes", nodes)));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    String run = alice.startRun("replay-gate", Map.of("task", "notes"));
    String approval = alice.awaitApproval(run, "review");
    assertThat(api("bob", "bob").post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "fine")).status()).isEqualTo(200);
    assertThat(alice.awaitEnd(run).path("status").asText()).isEqualTo("completed");

    JsonNode same = alice.post("/api/workflows/runs/" + run + "/replay", Map.of()).json();
    assertThat(statuses(same)).containsExactly(Map.entry("draft", "same"),
        Map.entry("review", "decision_reused"), Map.entry("ship", "same"));
    assertThat(same.path("nodes").get(1).path("summary").asText())
        .isEqualTo("recorded decision reused: approved by bob");

    // a second gate after the first: a real run would wait there, ship is not reached
    Map<String, Object> second = Map.of("id", "second", "type", "approval_gate",
        "config", Map.of("required_role", "TenantAdmin"), "dependencies", List.of("review"));
    JsonNode waiting = alice.post("/api/workflows/runs/" + run + "/replay",
        Map.of("spec", Map.of("metadata", Map.of("name", "Replay gate"), "nodes", List.of(
            agent("draft", "Draft {{input.task}}"), gate, second,
            agent("ship", "Ship {{draft.output}}", "second"))))).json();
    assertThat(statuses(waiting)).containsExactly(Map.entry("draft", "same"),
        Map.entry("review", "decision_reused"), Map.entry("second", "would_wait_for_approval"),
        Map.entry("ship", "skipped"));
    assertThat(waiting.path("outcome").asText()).isEqualTo("waiting_approval");
  }
}
