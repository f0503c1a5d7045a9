package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's partial completion: under {@code allow_partial_completion} a failed non-critical
 * agent task is recorded and the run goes on, ending partially_completed; a critical one still
 * fails the run.
 */
class PartialCompletionIT extends IntegrationTest {

  private static Map<String, Object> spec(boolean criticalResearch) {
    return Map.of("metadata", Map.of("name", "Partial", "allow_partial_completion", true),
        "nodes", List.of(
            Map.of("id", "research", "type", "agent_task", "agent_type", "custom",
                "config", Map.of("critical", criticalResearch)),
            Map.of("id", "summary", "type", "agent_task", "agent_type", "docs",
                "dependencies", List.of("research"))));
  }

  @Test
  void aFailedNonCriticalTaskLetsTheRunFinishPartially() {
    ApiClient api = api();
    assertThat(api.post("/api/workflows", Map.of("slug", "partial-ok", "spec", spec(false)))
        .status()).isEqualTo(201);
    JsonNode done = api.awaitEnd(api.startRun("partial-ok",
        Map.of("task", "t [simulate:error:research]")));
    assertThat(done.path("status").asText()).as(done.toPrettyString())
        .isEqualTo("partially_completed");
    JsonNode research = RunLifecycleIT.node(done, "research");
    assertThat(research.path("status").asText()).isEqualTo("failed");
    assertThat(research.path("error").asText()).contains("simulated model refused");
    assertThat(RunLifecycleIT.node(done, "summary").path("status").asText())
        .isEqualTo("completed");
  }

  @Test
  void aFailedCriticalTaskStillFailsTheRun() {
    ApiClient api = api();
    assertThat(api.post("/api/workflows", Map.of("slug", "partial-critical",
        "spec", spec(true))).status()).isEqualTo(201);
    JsonNode failed = api.awaitStatus(api.startRun("partial-critical",
        Map.of("task", "t [simulate:error:research]")), "failed");
    assertThat(failed.path("failed_node").asText()).isEqualTo("research");
    assertThat(RunLifecycleIT.node(failed, "summary").path("status").asText())
        .isNotEqualTo("completed");
  }

  @Test
  void withoutPartialCompletionEveryTaskIsCritical() {
    ApiClient api = api();
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "Strict"),
        "nodes", List.of(Map.of("id", "research", "type", "agent_task", "agent_type", "custom")));
    assertThat(api.post("/api/workflows", Map.of("slug", "partial-strict", "spec", spec))
        .status()).isEqualTo(201);
    assertThat(api.awaitStatus(api.startRun("partial-strict",
        Map.of("task", "t [simulate:error]")), "failed").path("failed_node").asText())
        .isEqualTo("research");
  }
}
