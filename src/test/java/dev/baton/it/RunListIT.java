package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/workflows/runs}: newest first, filtered and paged, with each run's status in
 * the words of its own page; only runs the caller may read.
 */
class RunListIT extends IntegrationTest {

  @Test
  void listsTheRunsTheCallerMayReadWithTheirStatus() {
    ApiClient dave = api("dave", "dave");
    ApiClient alice = api("alice", "alice");
    String done = dave.startRun("diamond", Map.of("task", "listed 1"));
    String aborted = dave.startRun("diamond", Map.of("task", "listed 2"));
    var abort = dave.post("/api/workflows/runs/" + aborted + "/abort",
        Map.of("reason", "not needed"));
    assertThat(abort.status()).as(abort.body()).isEqualTo(200);
    String waiting = alice.startRun("full-development-cycle", Map.of("task", "listed 3"));
    alice.awaitApproval(waiting, "approval_gate");
    dave.awaitEnd(done);

    JsonNode page = api("erin", "erin").get("/api/workflows/runs?size=200").json();
    Map<String, String> statuses = statuses(page);
    assertThat(statuses).containsEntry(done, "completed").containsEntry(aborted, "aborted")
        .containsEntry(waiting, "waiting_approval");
    JsonNode first = page.path("runs").get(0);
    assertThat(first.has("run_id") && first.has("workflow_id") && first.has("started_at"))
        .as(first.toString()).isTrue();

    JsonNode mine = api().get("/api/workflows/runs?started_by=dave&workflow=diamond&size=200")
        .json();
    assertThat(mine.path("runs").findValuesAsText("started_by")).containsOnly("dave");
    assertThat(statuses(mine)).containsKeys(done, aborted).doesNotContainKey(waiting);
    assertThat(statuses(api().get("/api/workflows/runs?state=active&size=200").json()))
        .containsKey(waiting).doesNotContainKeys(done, aborted);

    JsonNode one = api().get("/api/workflows/runs?workflow=diamond&size=1").json();
    assertThat(one.path("runs")).hasSize(1);
    assertThat(one.path("total").asLong()).isGreaterThanOrEqualTo(2);
    JsonNode second = api().get("/api/workflows/runs?workflow=diamond&size=1&page=1").json();
    assertThat(second.path("runs").get(0).path("run_id").asText())
        .isNotEqualTo(one.path("runs").get(0).path("run_id").asText());

    // another tenant's member sees none of these
    assertThat(statuses(api("zoe", "zoe").get("/api/workflows/runs?size=200").json()))
        .doesNotContainKeys(done, aborted, waiting);
    alice.post("/api/workflows/runs/" + waiting + "/abort", Map.of("reason", "done"));
  }

  @Test
  void badFiltersAreClearErrors() {
    for (String query : List.of("state=paused", "size=0", "size=1000", "page=-1",
        "started_after=2026-12-02T10:00:00Z&started_before=2026-12-01T10:00:00Z",
        "started_after=yesterday")) {
      var reply = api().get("/api/workflows/runs?" + query);
      assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.contentType()).contains("problem+json");
      assertThat(reply.json().path("detail").asText()).as(query).isNotBlank();
    }
    assertThat(ApiClient.anonymous(port).get("/api/workflows/runs").status()).isEqualTo(401);
  }

  private static Map<String, String> statuses(JsonNode page) {
    Map<String, String> statuses = new java.util.HashMap<>();
    List<JsonNode> runs = new ArrayList<>();
    page.path("runs").forEach(runs::add);
    runs.forEach(r -> statuses.put(r.path("run_id").asText(), r.path("status").asText()));
    return statuses;
  }
}
