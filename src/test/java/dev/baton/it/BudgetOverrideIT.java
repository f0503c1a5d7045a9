package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.process.ProcessTestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A budget-override approval through the API: the run waits instead of stopping, a tenant
 * admin raises its budget by a stated amount with a justification, and the run completes with
 * the raise in its audit trail.
 */
class BudgetOverrideIT extends IntegrationTest {

  @Test
  void aTenantAdminRaisesTheBudgetAndTheRunCompletes() {
    String spec = ProcessTestEngine.read(ProcessTestEngine.testSpec("budget-override"));
    var created = api().post("/api/workflows", Map.of("slug", "override-api",
        "spec", ProcessTestEngine.json(spec)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ApiClient api = api();
    String run = api.startRun("override-api", Map.of("task", "t"));
    String approval = api.awaitApproval(run, "expensive__override");
    assertThat(api.run(run).path("status").asText()).isEqualTo("waiting_approval");

    ApiClient bob = api("bob", "bob");
    var negative = bob.post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "needed", "raise_usd", -1));
    assertThat(negative.status()).isEqualTo(422);
    assertThat(negative.json().path("detail").asText()).contains("raise_usd");
    var unjustified = bob.post("/api/approvals/" + approval + "/approve",
        Map.of("raise_usd", 2));
    assertThat(unjustified.status()).isEqualTo(422);
    assertThat(api("carol", "carol").post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "x", "raise_usd", 2)).status()).isEqualTo(403);

    var approved = bob.post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "the customer pays for it", "raise_usd", 2));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    assertThat(done.path("budget_usd").decimalValue()).isEqualByComparingTo("2.0001");
    JsonNode audit = done.findValue("audit");
    assertThat(audit.get(0).path("decided_by").asText()).isEqualTo("bob");
    assertThat(audit.get(0).path("raise_usd").decimalValue()).isEqualByComparingTo("2");
  }
}
