package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec in processes/: validate, deploy through the API under a new slug, run it to the
 * end (approving every gate on the way), and check that it completed.
 */
class SampleSpecsIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> specs() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void validatesDeploysAndRunsToCompletion(Path file) throws IOException {
    ApiClient api = api();
    JsonNode spec = JSON.readTree(Files.readString(file));
    String slug = "sample-" + file.getFileName().toString().replace(".json", "");

    var validation = api.post("/api/workflows/validate", spec);
    assertThat(validation.json().path("errors")).as(validation.body()).isEmpty();

    var deployed = api.post("/api/workflows", Map.of("slug", slug, "spec", spec));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

    String run = api.startRun(slug, Map.of("task", "Ship the feature",
        "environment", "production"));
    JsonNode done = runApprovingEveryGate(api, run);

    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    for (JsonNode node : done.path("nodes")) {
      assertThat(node.path("status").asText()).as(node.toString())
          .isIn("completed", "skipped");
    }
    assertThat(done.findValuesAsText("status")).contains("completed");
  }

  /**
   * Approves as alice, or as bob where the two-person rule wants someone else (demo started
   * the run, so it may not approve where the rule applies).
   */
  private void approve(String approval) {
    String path = "/api/approvals/" + approval + "/approve";
    var asAlice = api("alice", "alice").post(path, Map.of("justification", "sample run"));
    if (asAlice.status() == 409 || asAlice.status() == 403) {
      api("bob", "bob").post(path, Map.of("justification", "sample run, second approver"));
    }
  }

  private JsonNode runApprovingEveryGate(ApiClient api, String run) {
    Set<String> terminal = Set.of("completed", "failed", "aborted");
    try {
      return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = api.run(run);
            if (!terminal.contains(status.path("status").asText())) {
              for (JsonNode pending : api.get("/api/approvals/pending").json()) {
                if (run.equals(pending.path("run_id").asText())) {
                  approve(pending.path("id").asText());
                }
              }
            }
            return status;
          }, status -> terminal.contains(status.path("status").asText()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("run " + run + " did not end: " + api.run(run).toPrettyString());
    }
  }

}
