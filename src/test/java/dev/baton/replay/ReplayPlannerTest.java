package dev.baton.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.contract.JsonValues;
import dev.baton.replay.NodeReplay.Status;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import dev.baton.spec.WorkflowSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)\\.output}}");

  /** Renders config.prompt (else the node id), filling {{node.output}} from the variables. */
  private static final ReplayPlanner.Renderer RENDERER = (node, upstream, variables) -> {
    String template = node.configText("prompt").orElse("do " + node.id());
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = variables.apply(m.group(1));
      if (value == null) {
        return new ReplayPlanner.Rendered(null, "no " + m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(
          JsonValues.toJson(value).path("output").asText()));
    }
    m.appendTail(out);
    return new ReplayPlanner.Rendered(out.toString(), null);
  };

  private static WorkflowSpec spec(String json) {
    SpecReport report = new SpecReader(AgentTypes.BUILT_IN).read(json.replace('\'', '"'));
    assertThat(report.problems()).as("spec problems").isEmpty();
    return report.spec();
  }

  /** Recording of agent executions: node, output text, prompt, cost; in order. */
  private static final class Recorder {
    final Map<String, List<Recording.Execution>> executions = new LinkedHashMap<>();
    final Map<String, List<Recording.GateDecision>> decisions = new LinkedHashMap<>();
    JsonNode input = JSON.createObjectNode();

    Recorder ran(String node, String output, String prompt, String cost) {
      executions.computeIfAbsent(node, k -> new ArrayList<>()).add(new Recording.Execution(
          node + "-task-" + executions.getOrDefault(node, List.of()).size(),
          JSON.createObjectNode().put("output", output), prompt, new BigDecimal(cost)));
      return this;
    }

    Recorder ranJson(String node, JsonNode output, String prompt) {
      executions.computeIfAbsent(node, k -> new ArrayList<>()).add(new Recording.Execution(
          node + "-task-" + executions.getOrDefault(node, List.of()).size(),
          JSON.createObjectNode().set("output", output), prompt, new BigDecimal("0.01")));
      return this;
    }

    Recorder decided(String gate, String outcome) {
      decisions.computeIfAbsent(gate, k -> new ArrayList<>())
          .add(new Recording.GateDecision(outcome, "carol", null));
      return this;
    }

    Recording build() {
      return new Recording(input, executions, decisions);
    }
  }

  private static final String CHAIN = "{'metadata': {'name': 'Chain', 'budget_usd': 5},"
      + "'nodes': ["
      + "{'id': 'a', 'type': 'agent_task', 'agent_type': 'planner', 'config': {'prompt': 'plan it'}},"
      + "{'id': 'b', 'type': 'agent_task', 'agent_type': 'builder', 'dependencies': ['a'],"
      + " 'config': {'prompt': 'build {{a.output}}'}},"
      + "{'id': 'c', 'type': 'agent_task', 'agent_type': 'qa', 'dependencies': ['b'],"
      + " 'config': {'prompt': 'test {{b.output}}'}}]}";

  private static Recording chainRecording() {
    return new Recorder().ran("a", "PLAN", "plan it", "0.5").ran("b", "CODE", "build PLAN", "0.5")
        .ran("c", "OK", "test CODE", "0.5").build();
  }

  private static ReplayReport plan(String newSpec, String oldSpec, Recording recording) {
    return ReplayPlanner.plan("run-1", "wf", spec(newSpec), spec(oldSpec), recording, RENDERER,
        Map.of("x", new BigDecimal("0.02"), "slow", new BigDecimal("0.03")));
  }

  private static Map<String, Status> statuses(ReplayReport report) {
    Map<String, Status> byLine = new LinkedHashMap<>();
    report.nodes().forEach(n -> byLine.put(n.nodeId() + (n.round() > 1 ? "#" + n.round() : ""),
        n.status()));
    return byLine;
  }

  @Test
  void theRunsOwnSpecReplaysAsRecordedAtNoCost() {
    ReplayReport report = plan(CHAIN, CHAIN, chainRecording());
    assertThat(statuses(report)).containsExactly(Map.entry("a", Status.SAME),
        Map.entry("b", Status.SAME), Map.entry("c", Status.SAME));
    assertThat(report.outcome()).isEqualTo("completed");
    assertThat(report.totals().modelCostUsd()).isZero();
    assertThat(report.totals().recordedCostUsd()).isEqualByComparingTo("1.5");
    assertThat(report.totals().modelCallsAvoided()).isEqualTo(3);
    assertThat(report.totals().modelCallsNeeded()).isZero();
    assertThat(report.budget().stopsAt()).isNull();
  }

  @Test
  void aChangedPromptIsReportedWithItsDiffAndTheReplyReused() {
    String changed = CHAIN.replace("build {{a.output}}", "build {{a.output}} in Rust");
    ReplayReport report = plan(changed, CHAIN, chainRecording());
    assertThat(statuses(report)).containsEntry("a", Status.SAME)
        .containsEntry("b", Status.PROMPT_CHANGED).containsEntry("c", Status.SAME);
    NodeReplay b = report.nodes().get(1);
    assertThat(b.diff()).contains("--- recorded/b#1").contains("+++ replay/b#1")
        .contains("-build PLAN").contains("+build PLAN in Rust");
    assertThat(b.taskId()).isEqualTo("b-task-0");
    assertThat(b.summary()).contains("stale");
  }

  @Test
  void newNodesWouldCallTheModelAndRemovedOnesAreListed() {
    String changed = "{'metadata': {'name': 'Chain', 'budget_usd': 5}, 'nodes': ["
        + "{'id': 'a', 'type': 'agent_task', 'agent_type': 'planner', 'config': {'prompt': 'plan it'}},"
        + "{'id': 'x', 'type': 'agent_task', 'agent_type': 'qa', 'dependencies': ['a'],"
        + " 'config': {'prompt': 'review {{a.output}}'}},"
        + "{'id': 'b', 'type': 'agent_task', 'agent_type': 'builder', 'dependencies': ['x'],"
        + " 'config': {'prompt': 'build {{x.output}}'}}]}";
    ReplayReport report = plan(changed, CHAIN, chainRecording());
    assertThat(statuses(report)).containsExactly(Map.entry("a", Status.SAME),
        Map.entry("x", Status.NEW), Map.entry("b", Status.PROMPT_CHANGED),
        Map.entry("c", Status.REMOVED));
    NodeReplay x = report.nodes().get(1);
    assertThat(x.estimatedCostUsd()).isEqualByComparingTo("0.02");
    assertThat(report.nodes().get(2).diff()).contains("+build <not recorded: 'x' would call "
        + "the model>");
    assertThat(report.nodes().get(2).summary()).contains("reads the output of x");
    assertThat(report.totals().modelCallsNeeded()).isEqualTo(1);
    assertThat(report.totals().estimatedNewCostUsd()).isEqualByComparingTo("0.02");
  }

  private static final String BRANCHES = "{'metadata': {'name': 'Branches'}, 'nodes': ["
      + "{'id': 'triage', 'type': 'agent_task', 'agent_type': 'planner', 'config': {'prompt': 'triage'}},"
      + "{'id': 'route', 'type': 'condition', 'dependencies': ['triage']},"
      + "{'id': 'fast', 'type': 'agent_task', 'agent_type': 'builder', 'config': {'prompt': 'fast'}},"
      + "{'id': 'slow', 'type': 'agent_task', 'agent_type': 'builder', 'config': {'prompt': 'slow'}},"
      + "{'id': 'notes', 'type': 'agent_task', 'agent_type': 'docs', 'dependencies': ['fast', 'slow'],"
      + " 'config': {'prompt': 'notes'}}],"
      + "'edges': [{'from': 'route', 'to': 'fast', 'condition': {'field': 'triage.output.level',"
      + " 'operator': '==', 'value': 'high'}}, {'from': 'route', 'to': 'slow', 'condition': 'default'}]}";

  @Test
  void aConditionThatRoutesDifferentlyIsPathChangedAndItsBranchesFollow() {
    Recording recording = new Recorder()
        .ranJson("triage", JSON.createObjectNode().put("level", "high"), "triage")
        .ran("fast", "done fast", "fast", "0.1").ran("notes", "n", "notes", "0.1").build();
    assertThat(statuses(plan(BRANCHES, BRANCHES, recording))).containsExactly(
        Map.entry("triage", Status.SAME), Map.entry("route", Status.SAME),
        Map.entry("fast", Status.SAME), Map.entry("notes", Status.SAME),
        Map.entry("slow", Status.NOT_REACHED));

    ReplayReport report = plan(BRANCHES.replace("'value': 'high'", "'value': 'critical'"),
        BRANCHES, recording);
    assertThat(statuses(report)).containsExactly(Map.entry("triage", Status.SAME),
        Map.entry("route", Status.PATH_CHANGED), Map.entry("slow", Status.NEW),
        Map.entry("notes", Status.SAME), Map.entry("fast", Status.SKIPPED));
    assertThat(report.nodes().get(1).summary()).isEqualTo("now goes to slow (recorded: fast)");
  }

  private static final String LOOP = "{'metadata': {'name': 'Loop'}, 'nodes': ["
      + "{'id': 'draft', 'type': 'agent_task', 'agent_type': 'docs', 'config': {'prompt': 'draft'}},"
      + "{'id': 'critic', 'type': 'agent_task', 'agent_type': 'qa', 'dependencies': ['draft'],"
      + " 'config': {'prompt': 'review'}},"
      + "{'id': 'good', 'type': 'condition', 'config': {'max_iterations': 3}, 'dependencies': ['critic']},"
      + "{'id': 'refine', 'type': 'agent_task', 'agent_type': 'docs', 'config': {'prompt': 'refine'}},"
      + "{'id': 'publish', 'type': 'agent_task', 'agent_type': 'docs', 'config': {'prompt': 'publish'}}],"
      + "'edges': [{'from': 'good', 'to': 'publish', 'condition': {'field': 'critic.output.passed',"
      + " 'operator': '==', 'value': true}}, {'from': 'good', 'to': 'refine', 'condition': 'default'},"
      + " {'from': 'refine', 'to': 'critic'}]}";

  private static Recording loopRecording() {
    Recorder r = new Recorder().ran("draft", "d", "draft", "0.1");
    r.ranJson("critic", JSON.createObjectNode().put("passed", false), "review");
    r.ran("refine", "r1", "refine", "0.1");
    r.ranJson("critic", JSON.createObjectNode().put("passed", false), "review");
    r.ran("refine", "r2", "refine", "0.1");
    r.ranJson("critic", JSON.createObjectNode().put("passed", true), "review");
    return r.ran("publish", "p", "publish", "0.1").build();
  }

  @Test
  void loopsReplayOneLinePerRoundWithTheirRecordedReplies() {
    ReplayReport report = plan(LOOP, LOOP, loopRecording());
    assertThat(statuses(report)).containsExactly(Map.entry("draft", Status.SAME),
        Map.entry("critic", Status.SAME), Map.entry("good", Status.SAME),
        Map.entry("refine", Status.SAME), Map.entry("critic#2", Status.SAME),
        Map.entry("good#2", Status.SAME), Map.entry("refine#2", Status.SAME),
        Map.entry("critic#3", Status.SAME), Map.entry("good#3", Status.SAME),
        Map.entry("publish", Status.SAME));
    assertThat(report.nodes().get(3).taskId()).isEqualTo("refine-task-0");
    assertThat(report.nodes().get(6).taskId()).isEqualTo("refine-task-1");
    assertThat(report.totals().modelCallsAvoided()).isEqualTo(7);
  }

  @Test
  void aTighterLoopBoundEndsTheRunWhereTheGuardStopsIt() {
    ReplayReport report = plan(LOOP.replace("'max_iterations': 3", "'max_iterations': 1"), LOOP,
        loopRecording());
    assertThat(report.nodes().stream().map(n -> n.nodeId() + "#" + n.round() + " "
        + n.status().json()).toList()).containsExactly("draft#1 same", "critic#1 same",
        "good#1 same", "refine#1 same", "critic#2 same", "good#2 path_changed",
        "critic#0 skipped", "good#0 skipped", "refine#0 skipped", "publish#0 skipped");
    assertThat(report.nodes().get(5).summary()).isEqualTo("now goes to no branch "
        + "(recorded: refine)");
    assertThat(report.outcome()).isEqualTo("failed");
    assertThat(report.notes()).anyMatch(n -> n.contains("no branch of 'good' matches"));
  }

  @Test
  void aLowerBudgetCapStopsTheRunAtTheNodeThatWouldExceedIt() {
    ReplayReport report = plan(CHAIN.replace("'budget_usd': 5", "'budget_usd': 1.2"), CHAIN,
        chainRecording());
    assertThat(report.outcome()).isEqualTo("stopped_over_budget");
    assertThat(report.budget().stopsAt()).isEqualTo("c");
    assertThat(report.budget().spentBeforeUsd()).isEqualByComparingTo("1.0");
    assertThat(statuses(report)).containsEntry("c", Status.NOT_REACHED);
    assertThat(report.nodes().get(2).summary()).contains("exceed the new cap of $1.2");
  }

  @Test
  void recordedGateDecisionsAreReusedAndANewGateWouldWait() {
    String gated = "{'metadata': {'name': 'Gated'}, 'nodes': ["
        + "{'id': 'a', 'type': 'agent_task', 'agent_type': 'planner', 'config': {'prompt': 'plan it'}},"
        + "{'id': 'ok', 'type': 'approval_gate', 'dependencies': ['a'],"
        + " 'config': {'required_role': 'TenantAdmin'}},"
        + "{'id': 'b', 'type': 'agent_task', 'agent_type': 'builder', 'dependencies': ['ok'],"
        + " 'config': {'prompt': 'build {{a.output}}'}}]}";
    Recording recording = new Recorder().ran("a", "PLAN", "plan it", "0.1")
        .decided("ok", "approved").ran("b", "CODE", "build PLAN", "0.1").build();
    ReplayReport same = plan(gated, gated, recording);
    assertThat(statuses(same)).containsExactly(Map.entry("a", Status.SAME),
        Map.entry("ok", Status.DECISION_REUSED), Map.entry("b", Status.SAME));
    assertThat(same.nodes().get(1).summary()).isEqualTo("recorded decision reused: approved "
        + "by carol");

    String secondGate = gated.replace("'dependencies': ['ok'],", "'dependencies': ['ok2'],")
        .replace("]}", ",{'id': 'ok2', 'type': 'approval_gate', 'dependencies': ['ok'],"
            + " 'config': {'required_role': 'TenantAdmin'}}]}");
    ReplayReport waiting = plan(secondGate, gated, recording);
    assertThat(statuses(waiting)).containsExactly(Map.entry("a", Status.SAME),
        Map.entry("ok", Status.DECISION_REUSED), Map.entry("ok2", Status.WOULD_WAIT_FOR_APPROVAL),
        Map.entry("b", Status.SKIPPED));
    assertThat(waiting.outcome()).isEqualTo("waiting_approval");
  }

  @Test
  void parallelBranchesJoinBeforeTheNodeThatWaitsForBoth() {
    String diamond = "{'metadata': {'name': 'Diamond'}, 'nodes': ["
        + "{'id': 'a', 'type': 'agent_task', 'agent_type': 'planner', 'config': {'prompt': 'a'}},"
        + "{'id': 'b', 'type': 'agent_task', 'agent_type': 'builder', 'dependencies': ['a'], 'config': {'prompt': 'b'}},"
        + "{'id': 'c', 'type': 'agent_task', 'agent_type': 'builder', 'dependencies': ['a'], 'config': {'prompt': 'c'}},"
        + "{'id': 'd', 'type': 'agent_task', 'agent_type': 'qa', 'dependencies': ['b'], 'config': {'prompt': 'd'}},"
        + "{'id': 'e', 'type': 'agent_task', 'agent_type': 'docs', 'dependencies': ['c', 'd'],"
        + " 'config': {'prompt': 'e {{c.output}} {{d.output}}'}}]}";
    Recording recording = new Recorder().ran("a", "A", "a", "0.1").ran("b", "B", "b", "0.1")
        .ran("c", "C", "c", "0.1").ran("d", "D", "d", "0.1").ran("e", "E", "e C D", "0.1")
        .build();
    ReplayReport report = plan(diamond, diamond, recording);
    List<String> order = report.nodes().stream().map(NodeReplay::nodeId).toList();
    assertThat(order).containsExactly("a", "b", "c", "d", "e");
    assertThat(report.nodes()).allMatch(n -> n.status() == Status.SAME);
  }

  @Test
  void unifiedDiffShowsHunksWithContext() {
    String diff = UnifiedDiff.of("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
        "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n", "a", "b");
    assertThat(diff).isEqualTo("--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n"
        + " 8\n");
    assertThat(UnifiedDiff.of("same", "same", "a", "b")).isEmpty();
  }

  @SuppressWarnings("unused")
  private static Function<String, Object> none() {
    return name -> null;
  }
}
