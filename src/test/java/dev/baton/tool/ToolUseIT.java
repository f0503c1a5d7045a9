package dev.baton.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baton.it.ApiClient;
import dev.baton.it.IntegrationTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agents calling tools end to end: the simulated model asks for tool calls, the worker carries
 * them out through the shipped connectors over real HTTP against a local server (standing in
 * for GitHub and an internal service), refuses calls outside the agent's scopes, stops the
 * loop at its limits, and prices every use in the cost ledger.
 */
class ToolUseIT extends IntegrationTest {

  record Seen(String method, String uri, String authorization) {}

  private static HttpServer server;
  private static final List<Seen> seen = new CopyOnWriteArrayList<>();

  @Autowired
  JdbcTemplate jdbc;

  @BeforeAll
  static void endpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          exchange.getRequestHeaders().getFirst("Authorization")));
      String path = exchange.getRequestURI().getPath();
      String reply = path.contains("/issues")
          ? "[{\"number\": 41, \"title\": \"Login fails\"}, {\"number\": 42, \"title\": \"Slow\"}]"
          : "{\"order\": 7, \"state\": \"shipped\"}";
      byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    // connectors resolve ${env:NAME} from the environment, then from system properties
    System.setProperty("BATON_GITHUB_API_URL", base);
    System.setProperty("GITHUB_TOKEN", "gh-test-token");
    System.setProperty("BATON_HTTP_BASE_URL", base + "/internal");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    System.clearProperty("BATON_GITHUB_API_URL");
    System.clearProperty("GITHUB_TOKEN");
    System.clearProperty("BATON_HTTP_BASE_URL");
  }

  private void agent(String slug, Map<String, List<String>> tools, Map<String, Object> config) {
    Map<String, Object> body = new HashMap<>();
    body.put("slug", slug);
    body.put("type", "custom");
    body.put("capabilities", List.of("issue_triage"));
    body.put("config", config);
    var created = api().post("/api/agents", body);
    assertThat(created.status()).as(created.body()).isIn(201, 409);
    tools.forEach((tool, scopes) -> assertThat(api().post("/api/agents/" + slug + "/tools",
        Map.of("tool_id", tool, "scopes", scopes)).status()).isEqualTo(200));
  }

  private void deploy(String slug, String agent, Map<String, Object> extraConfig) {
    Map<String, Object> config = new HashMap<>(extraConfig);
    config.put("agent", agent);
    config.put("prompt_template", "triage_issues");
    Map<String, Object> spec = Map.of("metadata", Map.of("name", slug),
        "nodes", List.of(Map.of("id", "triage", "type", "agent_task", "config", config)));
    var created = api().post("/api/workflows", Map.of("slug", slug, "spec", spec));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static JsonNode node(JsonNode run) {
    for (JsonNode n : run.path("nodes")) {
      if ("triage".equals(n.path("id").asText())) {
        return n;
      }
    }
    throw new AssertionError(run.toPrettyString());
  }

  @Test
  void anAgentCallsToolsOverHttpOutOfScopeCallsAreRefusedAndUsesArePriced() {
    agent("triager", Map.of("github-issues", List.of("read"), "http", List.of("read")),
        Map.of("temperature", 0.2));
    deploy("triage-tools", "triager", Map.of());
    seen.clear();
    ApiClient api = api();
    String run = api.startRun("triage-tools", Map.of("owner", "acme", "repo", "rocket",
        "instructions", "[simulate:tool:github-issues__list_issues {\"owner\": \"acme\", "
            + "\"repo\": \"rocket\"}] [simulate:tool:http__get {\"path\": \"orders/7\"}] "
            + "[simulate:tool:http__post {\"path\": \"orders\", \"body\": {\"x\": 1}}] "
            + "[simulate:tool:slack__post_message {\"text\": \"hi\"}]"));
    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    JsonNode output = node(done).path("output");
    assertThat(output.path("agent").asText()).isEqualTo("triager");
    assertThat(output.path("stop_reason").asText()).isEqualTo("completed");
    assertThat(output.path("model_calls").asInt()).isEqualTo(5);
    JsonNode calls = output.path("tool_calls");
    assertThat(calls.findValuesAsText("outcome"))
        .containsExactly("ok", "ok", "refused_scope", "refused_not_assigned");
    assertThat(calls.get(0).at("/result/numbers").toString()).isEqualTo("[41,42]");
    assertThat(calls.get(1).at("/result/state").asText()).isEqualTo("shipped");
    assertThat(calls.get(2).path("detail").asText())
        .contains("needs scope 'write'").contains("holds [read]");
    // the model was told: its final answer saw the refusal as the last tool result
    assertThat(output.path("output").asText()).contains("Tool results seen: 4")
        .contains("slack__post_message");

    // real HTTP: GitHub's path and token; the internal service; nothing for the refused calls
    assertThat(seen).containsExactly(
        new Seen("GET", "/repos/acme/rocket/issues?state=open", "Bearer gh-test-token"),
        new Seen("GET", "/internal/orders/7", "Bearer none"));

    // the ledger: one model entry for the loop, one per tool use at the tool's price
    JsonNode cost = api.get("/api/workflows/runs/" + run + "/cost").json();
    assertThat(cost.path("entries").findValuesAsText("kind"))
        .containsExactlyInAnyOrder("model", "tool", "tool");
    JsonNode toolCosts = cost.at("/breakdown/tool_costs");
    assertThat(toolCosts.findValuesAsText("tool_name")).containsExactlyInAnyOrder(
        "github-issues", "http");
    for (JsonNode t : toolCosts) {
      assertThat(t.path("total_cost").decimalValue()).isEqualByComparingTo(
          "http".equals(t.path("tool_name").asText()) ? "0.0001" : "0");
    }

    // every call asked for is recorded, refusals included
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT tool_slug, operation, outcome, "
        + "agent_slug FROM baton_tool_call WHERE run_id = ? ORDER BY id", run);
    assertThat(rows).extracting(r -> r.get("OUTCOME") != null ? r.get("OUTCOME")
        : r.get("outcome")).containsExactly("ok", "ok", "refused_scope", "refused_not_assigned");
  }

  @Test
  void aToolUseThatWouldBreakTheHardCapIsRefused() {
    // a tool of the http connector priced above the run's whole budget
    if (jdbc.queryForObject("SELECT COUNT(*) FROM baton_tool WHERE slug = 'pricey'",
        Integer.class) == 0) {
      jdbc.update("INSERT INTO baton_tool (slug, title, category, connector, config, "
          + "auth_required, rate_limit_per_hour, cost_per_use_usd, created_at) VALUES ('pricey', "
          + "'Pricey', 'integration', 'http', '{}', FALSE, NULL, 5.0, CURRENT_TIMESTAMP)");
    }
    agent("spender", Map.of("pricey", List.of("read")), Map.of());
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "capped", "budget_usd", 1.0),
        "nodes", List.of(Map.of("id", "triage", "type", "agent_task", "config",
            Map.of("agent", "spender", "prompt_template", "triage_issues"))));
    assertThat(api().post("/api/workflows", Map.of("slug", "capped-tools", "spec", spec))
        .status()).isEqualTo(201);
    seen.clear();
    ApiClient api = api();
    String run = api.startRun("capped-tools", Map.of("instructions",
        "[simulate:tool:pricey__get {\"path\": \"orders/1\"}]"));
    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode call = node(done).at("/output/tool_calls/0");
    assertThat(call.path("outcome").asText()).isEqualTo("over_budget");
    assertThat(call.path("detail").asText()).contains("budget exceeded");
    assertThat(seen).isEmpty();
    assertThat(api.get("/api/workflows/runs/" + run + "/cost").json()
        .path("entries").findValuesAsText("kind")).containsExactly("model");
  }

  @Test
  void theLoopStopsAtItsLimitsWithTheReason() {
    agent("looper", Map.of("http", List.of("read")), Map.of("max_model_calls", 3));
    deploy("loop-by-model-calls", "looper", Map.of());
    deploy("loop-by-tool-calls", "looper", Map.of("max_model_calls", 10, "max_tool_calls", 2));
    ApiClient api = api();
    Map<String, Object> input = Map.of("instructions",
        "[simulate:tool-loop:http__get {\"path\": \"orders/1\"}]");

    // the agent's own limit applies when the node sets none
    JsonNode byModel = node(api.awaitEnd(api.startRun("loop-by-model-calls", input)))
        .path("output");
    assertThat(byModel.path("stop_reason").asText()).isEqualTo("max_model_calls");
    assertThat(byModel.path("model_calls").asInt()).isEqualTo(3);
    assertThat(byModel.path("tool_calls")).hasSize(3);
    assertThat(byModel.path("output").asText()).contains("stopped: max_model_calls");

    // the node's limits win over the agent's
    JsonNode byTools = node(api.awaitEnd(api.startRun("loop-by-tool-calls", input)))
        .path("output");
    assertThat(byTools.path("stop_reason").asText()).isEqualTo("max_tool_calls");
    assertThat(byTools.path("tool_calls")).hasSize(2);
    assertThat(byTools.path("model_calls").asInt()).isEqualTo(3);
  }

  @Test
  void theLoopStopsWhenItsNextModelCallCouldBreakTheHardCap() {
    agent("looper", Map.of("http", List.of("read")), Map.of("max_model_calls", 3));
    // the first call's worst case (~$0.0018 with 1,000 output tokens) fits $0.0026, a second
    // one held beside it does not: the loop ends after one call instead of overspending
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "loop-capped",
            "budget_usd", 0.0026),
        "nodes", List.of(Map.of("id", "triage", "type", "agent_task", "config",
            Map.of("agent", "looper", "prompt_template", "triage_issues", "max_tokens", 1000))));
    assertThat(api().post("/api/workflows", Map.of("slug", "loop-capped", "spec", spec))
        .status()).isEqualTo(201);
    ApiClient api = api();
    String run = api.startRun("loop-capped", Map.of("instructions",
        "[simulate:tool-loop:http__get {\"path\": \"orders/1\"}]"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    JsonNode output = node(done).path("output");
    assertThat(output.path("stop_reason").asText()).isEqualTo("over_budget");
    assertThat(output.path("model_calls").asInt()).isEqualTo(1);
    assertThat(done.path("spent_usd").decimalValue()).isLessThanOrEqualTo(
        new java.math.BigDecimal("0.0026"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_budget_reservation "
        + "WHERE run_id = ? AND status = 'held'", Integer.class, run)).isZero();
  }
}
