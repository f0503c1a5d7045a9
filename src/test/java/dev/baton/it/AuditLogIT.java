package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log through the API: Baton's actions are recorded with who did them, the list
 * filters and pages, and the verify endpoint finds a row changed or deleted behind Baton's back
 * with plain JDBC (each test puts the row back, so the shared chain is intact again).
 */
class AuditLogIT extends IntegrationTest {

  @Autowired
  DataSource dataSource;

  @Autowired
  AuditLog audit;

  @Autowired
  PlatformTransactionManager transactions;

  private String createBudget(String workflow) {
    var created = api().post("/api/budgets", Map.of("name", "audit " + workflow,
        "workflow_id", workflow, "daily_usd", 5, "hard_cap", true));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode entryOf(String action, String resource) {
    JsonNode page = api().get("/api/audit?action=" + action + "&resource=" + resource).json();
    assertThat(page.path("total").asLong()).as(page.toPrettyString()).isEqualTo(1);
    return page.path("entries").get(0);
  }

  private JsonNode verify() {
    var verified = api().get("/api/audit/verify");
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    return verified.json();
  }

  @Test
  void actionsAreRecordedWithTheirActorAndTheChainVerifies() {
    String budget = createBudget("audit-" + UUID.randomUUID().toString().substring(0, 8));
    var changed = api().put("/api/budgets/" + budget, Map.of("name", "raised",
        "workflow_id", "audit-changed", "daily_usd", 9, "hard_cap", false));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);

    JsonNode created = entryOf("budget.created", budget);
    assertThat(created.path("actor").asText()).isEqualTo("demo");
    assertThat(created.path("resource_type").asText()).isEqualTo("budget");
    assertThat(created.path("details").path("daily_usd").decimalValue())
        .isEqualByComparingTo("5");
    assertThat(created.path("hash").asText()).hasSize(64);
    JsonNode updated = entryOf("budget.updated", budget);
    assertThat(updated.path("details").path("hard_cap").asBoolean()).isFalse();
    assertThat(updated.path("seq").asLong()).isGreaterThan(created.path("seq").asLong());

    JsonNode verified = verify();
    assertThat(verified.path("intact").asBoolean()).as(verified.toPrettyString()).isTrue();
    assertThat(verified.path("entries").asLong()).isEqualTo(verified.path("head_seq").asLong())
        .isGreaterThanOrEqualTo(updated.path("seq").asLong());
  }

  @Test
  void deploysRunsAndAgentChangesAreRecordedOnceWithWhoDidThem() {
    String slug = "audit-flow-" + UUID.randomUUID().toString().substring(0, 6);
    var deployed = api().post("/api/workflows", Map.of("slug", slug, "spec", Map.of(
        "metadata", Map.of("name", "Audited", "budget_usd", 0.002),
        "nodes", List.of(Map.of("id", "work", "type", "agent_task", "agent_type", "docs")))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    assertThat(entryOf("workflow.deployed", slug).path("actor").asText()).isEqualTo("demo");

    // the run fails its budget check at once (worst case $0.0025 > $0.002); retried, anew
    ApiClient dave = api("dave", "dave");
    String run = dave.startRun(slug, Map.of("task", "t"));
    assertThat(dave.awaitEnd(run).path("status").asText()).isEqualTo("failed");
    var retried = dave.post("/api/workflows/runs/" + run + "/retry", Map.of());
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    String second = retried.json().path("id").asText();
    var aborted = api().post("/api/workflows/runs/" + second + "/abort",
        Map.of("reason", "enough"));
    assertThat(aborted.status()).as(aborted.body()).isIn(200, 409);

    JsonNode first = api().get("/api/audit?run=" + run).json().path("entries");
    assertThat(first.findValuesAsText("action")).containsExactly("run.started");
    assertThat(first.get(0).path("actor").asText()).isEqualTo("dave");
    JsonNode retry = api().get("/api/audit?run=" + second).json().path("entries");
    // newest first; the engine's own entries for the same operations are left out
    assertThat(retry.findValuesAsText("action")).contains("run.retried")
        .doesNotContain("engine.process_instance.create",
            "engine.process_instance.restart_process_instance");
    JsonNode retriedEntry = api().get("/api/audit?run=" + second + "&action=run.retried")
        .json().path("entries").get(0);
    assertThat(retriedEntry.path("actor").asText()).isEqualTo("dave");
    assertThat(retriedEntry.path("details").path("retried_from").asText()).isEqualTo(run);

    String agent = "audited-" + UUID.randomUUID().toString().substring(0, 6);
    var created = api().post("/api/agents", Map.of("slug", agent, "title", "Audited",
        "type", "docs", "capabilities", List.of("documentation"),
        "config", Map.of("temperature", 0.2)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(api().post("/api/agents/" + agent + "/tools", Map.of("tool_id",
        "github-issues", "scopes", List.of("read"))).status()).isEqualTo(200);
    assertThat(entryOf("agent.created", agent).path("details").path("type").asText())
        .isEqualTo("docs");
    assertThat(entryOf("agent.tool_assigned", agent).path("details").path("tools")
        .findValuesAsText("tool")).containsExactly("github-issues");
    assertThat(verify().path("intact").asBoolean()).isTrue();
  }

  @Test
  void listFiltersAndPagesAndRefusesBadParameters() {
    String workflow = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    String budget = createBudget(workflow);
    for (int i = 0; i < 3; i++) {
      api().put("/api/budgets/" + budget, Map.of("name", "v" + i, "workflow_id", workflow,
          "daily_usd", i + 1));
    }
    JsonNode first = api().get("/api/audit?resource=" + budget + "&resource_type=budget&size=2")
        .json();
    assertThat(first.path("total").asLong()).isEqualTo(4);
    assertThat(first.path("entries")).hasSize(2);
    // newest first
    assertThat(first.path("entries").get(0).path("action").asText()).isEqualTo("budget.updated");
    JsonNode second = api().get("/api/audit?resource=" + budget + "&size=2&page=1").json();
    assertThat(second.path("entries").get(1).path("action").asText())
        .isEqualTo("budget.created");
    assertThat(api().get("/api/audit?actor=demo&action=budget.created&from=2000-01-01"
        + "&to=2999-01-01T00:00:00Z").json().path("total").asLong()).isPositive();
    assertThat(api().get("/api/audit?actor=nobody-" + UUID.randomUUID()).json()
        .path("total").asLong()).isZero();

    var badSize = api().get("/api/audit?size=100000");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.contentType()).contains("application/problem+json");
    assertThat(badSize.json().path("detail").asText()).contains("'size'");
    var badFrom = api().get("/api/audit?from=yesterday");
    assertThat(badFrom.status()).isEqualTo(400);
    assertThat(badFrom.json().path("detail").asText()).contains("'from'");
  }

  @Test
  void aRowAlteredWithPlainJdbcIsTheFirstBrokenLink() throws SQLException {
    String budget = createBudget("audit-" + UUID.randomUUID().toString().substring(0, 8));
    long seq = entryOf("budget.created", budget).path("seq").asLong();
    String storedHash = entryOf("budget.created", budget).path("hash").asText();
    assertThat(update("UPDATE baton_audit_log SET actor = 'mallory' WHERE seq = ?", seq))
        .isEqualTo(1);
    try {
      JsonNode verified = verify();
      assertThat(verified.path("intact").asBoolean()).isFalse();
      JsonNode broken = verified.path("first_break");
      assertThat(broken.path("seq").asLong()).as(verified.toPrettyString()).isEqualTo(seq);
      assertThat(broken.path("problem").asText()).contains("entry " + seq + " was altered");
      assertThat(broken.path("found").asText()).isEqualTo(storedHash);
      assertThat(broken.path("expected").asText()).hasSize(64).isNotEqualTo(storedHash);
      assertThat(verified.path("entries").asLong()).isEqualTo(seq - 1);
    } finally {
      update("UPDATE baton_audit_log SET actor = 'demo' WHERE seq = ?", seq);
    }
    assertThat(verify().path("intact").asBoolean()).isTrue();
  }

  @Test
  void aRowDeletedWithPlainJdbcIsReportedMissing() throws SQLException {
    String budget = createBudget("audit-" + UUID.randomUUID().toString().substring(0, 8));
    long seq = entryOf("budget.created", budget).path("seq").asLong();
    // a later entry, so that the deleted one is inside the chain
    createBudget("audit-" + UUID.randomUUID().toString().substring(0, 8));
    Map<String, Object> row = read(seq);
    assertThat(update("DELETE FROM baton_audit_log WHERE seq = ?", seq)).isEqualTo(1);
    try {
      JsonNode verified = verify();
      assertThat(verified.path("intact").asBoolean()).isFalse();
      JsonNode broken = verified.path("first_break");
      assertThat(broken.path("seq").asLong()).as(verified.toPrettyString()).isEqualTo(seq);
      assertThat(broken.path("problem").asText()).contains("entry " + seq + " is missing");
      assertThat(broken.path("expected").asText()).isEqualTo("entry " + seq);
      assertThat(broken.path("found").asText()).isEqualTo("entry " + (seq + 1));
    } finally {
      insert(row);
    }
    assertThat(verify().path("intact").asBoolean()).isTrue();
  }

  @Test
  void concurrentAppendsFormOneUnbrokenChain() throws Exception {
    String marker = "audit.concurrency." + UUID.randomUUID().toString().substring(0, 8);
    TransactionTemplate tx = new TransactionTemplate(transactions);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < 15; i++) {
          int n = i;
          // two entries per transaction, and some outside any transaction
          if (n % 3 == 0) {
            audit.append(new AuditEvent(marker, "t" + thread, null, "test", "n" + n, null, null));
          } else {
            tx.executeWithoutResult(s -> {
              audit.append(new AuditEvent(marker, "t" + thread, null, "test", "a" + n, null,
                  null));
              audit.append(new AuditEvent(marker, "t" + thread, null, "test", "b" + n, null,
                  null));
            });
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(api().get("/api/audit?action=" + marker).json().path("total").asLong())
        .isEqualTo(8 * (5 + 10 * 2));
    JsonNode verified = verify();
    assertThat(verified.path("intact").asBoolean()).as(verified.toPrettyString()).isTrue();
  }

  private int update(String sql, long seq) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, seq);
      return s.executeUpdate();
    }
  }

  private Map<String, Object> read(long seq) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT * FROM baton_audit_log WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), rs.getObject(i));
        }
        return row;
      }
    }
  }

  private void insert(Map<String, Object> row) throws SQLException {
    String columns = String.join(", ", row.keySet());
    String marks = String.join(", ", row.keySet().stream().map(k -> "?").toList());
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO baton_audit_log (" + columns + ") VALUES (" + marks + ")")) {
      int i = 1;
      for (Object value : row.values()) {
        s.setObject(i++, value);
      }
      s.executeUpdate();
    }
  }
}
