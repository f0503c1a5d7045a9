package dev.baton.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.it.ApiClient;
import dev.baton.it.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The templates over the API: every shipped template becomes a workflow through {@code POST
 * /api/workflows/from-template} (as an author, with its defaults) and a run of it completes on
 * the simulated model, its gates approved; listing is for viewers, creating for authors; bad
 * parameters are RFC 7807 problems naming the parameter.
 */
class TemplatesIT extends IntegrationTest {

  private static final Set<String> ENDED = Set.of("completed", "failed", "aborted",
      "partially_completed");

  static List<String> templates() {
    return new TemplateLibrary(Path.of("processes/templates")).all().stream()
        .map(Template::id).toList();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void eachTemplateBecomesAWorkflowWhoseRunCompletes(String id) {
    ApiClient alice = api("alice", "alice");
    var created = alice.post("/api/workflows/from-template", Map.of("template_id", id,
        "slug", "tpl-" + id, "parameters", Map.of()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("id").asText()).isEqualTo("tpl-" + id);

    ApiClient demo = api();
    String run = alice.startRun("tpl-" + id, Map.of("task", "Build a todo app",
        "environment", "production"));
    JsonNode state;
    int approved = 0;
    while (true) {
      state = demo.awaitRun(run, r -> ENDED.contains(r.path("status").asText())
          || "waiting_approval".equals(r.path("status").asText()), Duration.ofSeconds(90));
      if (ENDED.contains(state.path("status").asText())) {
        break;
      }
      for (JsonNode p : demo.get("/api/approvals/pending").json()) {
        if (run.equals(p.path("run_id").asText())) {
          assertThat(demo.post("/api/approvals/" + p.path("id").asText() + "/approve",
              Map.of("justification", "template test")).status()).isEqualTo(200);
          approved++;
        }
      }
      assertThat(approved).as("gates approved in " + id).isLessThan(10);
    }
    assertThat(state.path("status").asText()).as(state.toPrettyString()).isEqualTo("completed");
  }

  @Test
  void viewersListAuthorsCreateOthersAreRefused() {
    ApiClient erin = api("erin", "erin");
    JsonNode list = erin.get("/api/templates").json();
    assertThat(list.findValuesAsText("id")).containsAll(templates());
    JsonNode bugfix = erin.get("/api/templates/bugfix").json();
    assertThat(bugfix.path("spec").path("nodes").isArray()).isTrue();
    assertThat(bugfix.path("parameters").findValuesAsText("name")).contains("max_attempts");
    assertThat(erin.get("/api/templates/nope").status()).isEqualTo(404);

    Map<String, Object> body = Map.of("template_id", "code-review", "slug", "tpl-refused",
        "parameters", Map.of());
    for (ApiClient notAuthor : List.of(erin, api("dave", "dave"), api("carol", "carol"))) {
      var refused = notAuthor.post("/api/workflows/from-template", body);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType()).contains("application/problem+json");
    }
    assertThat(api().get("/api/workflows/tpl-refused").status()).isEqualTo(404);
  }

  @Test
  void badParametersAreProblemsThatNameTheParameter() {
    ApiClient alice = api("alice", "alice");
    var unknown = alice.post("/api/workflows/from-template", Map.of("template_id", "bugfix",
        "slug", "tpl-bad", "parameters", Map.of("colour", "red")));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.contentType()).contains("application/problem+json");
    assertThat(unknown.json().path("path").asText()).isEqualTo("$.parameters.colour");

    var outOfRange = alice.post("/api/workflows/from-template", Map.of("template_id", "bugfix",
        "slug", "tpl-bad", "parameters", Map.of("max_attempts", 0)));
    assertThat(outOfRange.status()).isEqualTo(422);
    assertThat(outOfRange.json().path("detail").asText()).contains("between 1 and 10");

    // a value the parameter allows but the spec checks refuse: the same pipeline as a spec
    var hostile = alice.post("/api/workflows/from-template", Map.of("template_id", "bugfix",
        "slug", "tpl-bad", "parameters", Map.of("approver_role", "${'x'.getClass()}")));
    assertThat(hostile.status()).as(hostile.body()).isBetween(400, 422);
    assertThat(hostile.contentType()).contains("application/problem+json");
    assertThat(hostile.body()).contains("required_role");

    var missing = alice.post("/api/workflows/from-template", Map.of("template_id", "nope",
        "slug", "tpl-bad"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(api().get("/api/workflows/tpl-bad").status()).isEqualTo(404);
  }
}
