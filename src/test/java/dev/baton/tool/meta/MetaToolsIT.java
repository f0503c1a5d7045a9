package dev.baton.tool.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.connector.ConnectorException;
import dev.baton.it.ApiClient;
import dev.baton.it.IntegrationTest;
import dev.baton.tool.ToolContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The meta-tools end to end: the sample {@code orchestrate} workflow's orchestrator agent (the
 * simulated model asking for each tool call) lists templates, creates workflows from a spec and
 * from a template, starts a child run, and the child is linked, budgeted within the parent's
 * remainder and counted in the parent's spend; the tree's limits, a replayed start and a
 * starter without the author role are refused as tool results; every use is priced and audited.
 */
class MetaToolsIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  MetaTool meta;

  /** A marker the simulated model turns into a call of {@code meta__<operation>}. */
  private static String call(String operation, ObjectNode args) {
    // a marker inside an argument (a child's own instructions) must not be read at this level:
    // written as a JSON escape, it becomes a marker one run down
    return "[simulate:tool:meta__" + operation + " "
        + args.toString().replace("[simulate:", "\\u005bsimulate:") + "] ";
  }

  private static ObjectNode args() {
    return JSON.createObjectNode();
  }

  private static ObjectNode childSpec() {
    ObjectNode spec = args();
    spec.putObject("metadata").put("name", "Meta child").put("version", "1.0.0");
    spec.putArray("nodes").addObject().put("id", "work").put("type", "agent_task")
        .put("agent_type", "docs").put("name", "Do the work");
    return spec;
  }

  private static JsonNode node(JsonNode run, String id) {
    for (JsonNode n : run.path("nodes")) {
      if (id.equals(n.path("id").asText())) {
        return n;
      }
    }
    throw new AssertionError(run.toPrettyString());
  }

  private List<String> toolOutcomes(String run) {
    return jdbc.queryForList("SELECT tool_slug || '.' || operation || ':' || outcome "
        + "FROM baton_tool_call WHERE run_id = ? ORDER BY id", String.class, run);
  }

  private BigDecimal budgetOf(String run) {
    return jdbc.queryForObject("SELECT budget_usd FROM baton_run_budget WHERE run_id = ?",
        BigDecimal.class, run);
  }

  @Test
  void theOrchestratorCreatesWorkflowsAndStartsALinkedChildWithinTheParentsBudget() {
    ObjectNode badSpec = args();
    badSpec.putObject("metadata").put("name", "Bad");
    badSpec.putArray("nodes").addObject().put("id", "a").put("type", "agent_task")
        .put("agent_type", "wizard");
    ObjectNode childInput = args().put("task", "write the release notes");
    String instructions = call("list_templates", args())
        + call("create_workflow", args().put("workflow_id", "meta-child")
            .set("spec", childSpec()))
        + call("create_workflow", args().put("workflow_id", "meta-bad").set("spec", badSpec))
        + call("create_workflow", args().put("workflow_id", "meta-review")
            .put("template", "code-review").set("parameters", args().put("name", "Review")))
        + call("start_run", args().put("workflow_id", "meta-child").set("input", childInput))
        // the same request again (as a replayed task would make it): no second child
        + call("start_run", args().put("workflow_id", "meta-child").set("input", childInput))
        + call("get_run_status", args().put("run_id", "not-a-child-of-this-run"));
    ApiClient alice = api("alice", "alice");
    String parent = alice.startRun("orchestrate", Map.of("instructions", instructions));
    JsonNode ended = alice.awaitEnd(parent);
    assertThat(ended.path("status").asText()).as(ended.toPrettyString()).isEqualTo("completed");

    JsonNode calls = node(ended, "design").path("output").path("tool_calls");
    assertThat(calls.findValuesAsText("outcome")).as(calls.toPrettyString()).containsExactly(
        "ok", "ok", "bad_arguments", "ok", "ok", "ok", "refused_policy");
    assertThat(calls.get(0).at("/result/templates").findValuesAsText("id"))
        .contains("code-review", "documentation");
    // a bad spec comes back to the model with each error's JSON path
    assertThat(calls.get(2).path("detail").asText()).contains("$.nodes[0]").contains("wizard");
    assertThat(calls.get(3).at("/result/workflow_id").asText()).isEqualTo("meta-review");
    String child = calls.get(4).at("/result/run_id").asText();
    assertThat(calls.get(4).at("/result/depth").asInt()).isEqualTo(1);
    assertThat(calls.get(5).at("/result/run_id").asText()).isEqualTo(child);
    assertThat(calls.get(5).at("/result/already_started").asBoolean()).isTrue();
    assertThat(calls.get(6).path("detail").asText()).contains("only this run's children");
    assertThat(alice.get("/api/workflows/meta-review").status()).isEqualTo(200);
    assertThat(alice.get("/api/workflows/meta-bad").status()).isEqualTo(404);

    // the child: linked both ways, started as the parent's starter, within its budget
    JsonNode childDone = alice.awaitEnd(child);
    assertThat(childDone.path("status").asText()).isEqualTo("completed");
    assertThat(childDone.path("parent_run_id").asText()).isEqualTo(parent);
    assertThat(childDone.path("started_by").asText()).isEqualTo("alice");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_run_link WHERE parent_run_id = ?",
        Integer.class, parent)).isEqualTo(1);
    // the child's spec asks for no budget (default $2.00); the parent ($1.00) had less left
    assertThat(budgetOf(child)).isLessThan(budgetOf(parent));
    assertThat(jdbc.queryForObject("SELECT source FROM baton_run_budget WHERE run_id = ?",
        String.class, child)).isEqualTo("parent");

    JsonNode parentNow = alice.run(parent);
    assertThat(parentNow.path("children")).hasSize(1);
    assertThat(parentNow.at("/children/0/run_id").asText()).isEqualTo(child);
    assertThat(parentNow.at("/children/0/workflow_id").asText()).isEqualTo("meta-child");
    assertThat(parentNow.at("/children/0/status").asText()).isEqualTo("completed");
    assertThat(parentNow.at("/children/0/parent_node_id").asText()).isEqualTo("design");
    // the parent's spend as its budget sees it includes the child's
    BigDecimal own = parentNow.path("spent_usd").decimalValue();
    BigDecimal childSpent = childDone.path("spent_usd").decimalValue();
    assertThat(childSpent).isPositive();
    assertThat(parentNow.path("spent_with_children_usd").decimalValue())
        .isEqualByComparingTo(own.add(childSpent));
    // and the child's spending was reserved against the parent's account too: the account
    // holds the parent's own spend and the child's
    assertThat(jdbc.queryForObject("SELECT committed_usd FROM baton_budget_account "
        + "WHERE scope_key = ?", BigDecimal.class, "run:" + parent))
        .isGreaterThanOrEqualTo(own.add(childSpent));

    // the parent's agent reads its child's status (and no other run's)
    ToolContext ofParent = new ToolContext(parent, "orchestrate", "default", "design", "t-1",
        "orchestrator", "custom", Map.of("meta", List.of("admin")), List.of("meta"), 10, 20);
    JsonNode read = meta.call("get_run_status", args().put("run_id", child), ofParent).output();
    assertThat(read.path("status").asText()).isEqualTo("completed");
    assertThat(read.at("/nodes/0/id").asText()).isEqualTo("work");
    assertThat(read.at("/nodes/0/output").isObject()).isTrue();
    ToolContext ofChild = new ToolContext(child, "meta-child", "default", "work", "t-2",
        "orchestrator", "custom", Map.of("meta", List.of("admin")), List.of("meta"), 10, 20);
    assertThatThrownBy(() -> meta.call("get_run_status", args().put("run_id", parent), ofChild))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("only this run's children");

    // audited: every use, the refusals included; the child's start names its parent
    assertThat(toolOutcomes(parent)).containsExactly("meta.list_templates:ok",
        "meta.create_workflow:ok", "meta.create_workflow:bad_arguments",
        "meta.create_workflow:ok", "meta.start_run:ok", "meta.start_run:ok",
        "meta.get_run_status:refused_policy");
    assertThat(jdbc.queryForObject("SELECT details FROM baton_audit_log WHERE "
        + "action = 'run.started' AND run_id = ?", String.class, child))
        .contains("\"parent_run_id\":\"" + parent + "\"");
    // priced: the five uses that ran
    JsonNode cost = alice.get("/api/workflows/runs/" + parent + "/cost").json();
    JsonNode meta = null;
    for (JsonNode t : cost.at("/breakdown/tool_costs")) {
      if ("meta".equals(t.path("tool_name").asText())) {
        meta = t;
      }
    }
    assertThat(meta).as(cost.toPrettyString()).isNotNull();
    assertThat(meta.path("usage_count").asInt()).isEqualTo(5);
    assertThat(meta.path("total_cost").decimalValue()).isEqualByComparingTo("0.0005");

    // the command line shows the link both ways
    CliResult show = runCli("alice", "runs", "show", parent);
    assertThat(show.out()).as(show.err()).contains("child run " + child + " of meta-child");
    assertThat(runCli("alice", "runs", "show", child).out())
        .contains("child of run " + parent);
  }

  @Test
  void anAgentNeverGainsARightItsRunsStarterLacks() {
    // dave may start runs but not deploy: so may his run's orchestrator
    String instructions = call("list_workflows", args())
        + call("create_workflow", args().put("workflow_id", "meta-by-dave")
            .set("spec", childSpec()));
    ApiClient dave = api("dave", "dave");
    String run = dave.startRun("orchestrate", Map.of("instructions", instructions));
    JsonNode ended = dave.awaitEnd(run);
    JsonNode calls = node(ended, "design").path("output").path("tool_calls");
    assertThat(calls.findValuesAsText("outcome")).as(calls.toPrettyString())
        .containsExactly("ok", "refused_policy");
    assertThat(calls.get(0).at("/result/workflows").findValuesAsText("id"))
        .contains("orchestrate");
    assertThat(calls.get(1).path("detail").asText()).contains("'dave'")
        .contains("author role");
    assertThat(api().get("/api/workflows/meta-by-dave").status()).isEqualTo(404);
    assertThat(toolOutcomes(run)).containsExactly("meta.list_workflows:ok",
        "meta.create_workflow:refused_policy");
  }

  @Test
  void theDepthAndTheChildrenOfARunTreeAreLimited() {
    var deployed = api().post("/api/workflows", Map.of("slug", "meta-leaf", "spec", childSpec()));
    assertThat(deployed.status()).as(deployed.body()).isIn(200, 201);
    System.setProperty("baton.tools.meta.max-depth", "1");
    System.setProperty("baton.tools.meta.max-children-per-run", "2");
    try {
      // child A is itself an orchestrator that tries to start a grandchild (depth 2 > 1)
      String grandchild = call("start_run", args().put("workflow_id", "meta-leaf"));
      String instructions = call("start_run", args().put("workflow_id", "orchestrate")
              .set("input", args().put("instructions", grandchild)))
          + call("start_run", args().put("workflow_id", "meta-leaf")
              .set("input", args().put("task", "b")))
          + call("start_run", args().put("workflow_id", "meta-leaf")
              .set("input", args().put("task", "c")));
      ApiClient alice = api("alice", "alice");
      String parent = alice.startRun("orchestrate", Map.of("instructions", instructions));
      JsonNode ended = alice.awaitEnd(parent);
      JsonNode calls = node(ended, "design").path("output").path("tool_calls");
      assertThat(calls.findValuesAsText("outcome")).as(calls.toPrettyString())
          .containsExactly("ok", "ok", "refused_policy");
      assertThat(calls.get(2).path("detail").asText()).contains("2 child run(s)")
          .contains("max-children-per-run");

      String childA = calls.get(0).at("/result/run_id").asText();
      JsonNode a = alice.awaitEnd(childA);
      JsonNode nested = node(a, "design").path("output").path("tool_calls");
      assertThat(nested.findValuesAsText("outcome")).as(a.toPrettyString())
          .containsExactly("refused_policy");
      assertThat(nested.get(0).path("detail").asText()).contains("depth 2")
          .contains("max-depth");
      assertThat(alice.run(parent).path("children")).hasSize(2);
      assertThat(jdbc.queryForObject("SELECT descendants FROM baton_run_family "
          + "WHERE run_id = ?", Integer.class, parent)).isEqualTo(2);
      // child A's own budget ($1.00 in its spec) was cut to what the parent had left
      assertThat(budgetOf(childA)).isLessThan(budgetOf(parent));
    } finally {
      System.clearProperty("baton.tools.meta.max-depth");
      System.clearProperty("baton.tools.meta.max-children-per-run");
    }
  }
}
