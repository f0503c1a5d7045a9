package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart overwrites nothing: Baton is started, a workflow that also has a file in {@code
 * processes/} is deployed again through the API, one file is edited, and Baton is started
 * again on the same database (a second Spring context, as after a restart). The API's version
 * stays the latest (the file is skipped and the log says so), the edited file's workflow gets a
 * new version, and the unchanged one keeps its version. On the old main the restart deployed
 * the file over the API's version.
 */
@ExtendWith({DatabaseAvailable.class, OutputCaptureExtension.class})
class StartupRedeployIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String spec(String name) {
    return "{\"metadata\": {\"name\": \"" + name + "\"}, \"nodes\": ["
        + "{\"id\": \"a\", \"type\": \"agent_task\", \"agent_type\": \"planner\"}]}";
  }

  @Test
  void aRestartDeploysWhatIsMissingOrChangedAndNeverOverTheApi(@TempDir Path processes,
      CapturedOutput output) throws Exception {
    Files.copy(Path.of("processes/baton-budget-check.dmn"),
        processes.resolve("baton-budget-check.dmn"));
    Files.writeString(processes.resolve("restart-kept.json"), spec("Kept from the file"));
    Files.writeString(processes.resolve("restart-api.json"), spec("From the file"));
    Files.writeString(processes.resolve("restart-edited.json"), spec("Edited, first"));
    String url = TestDatabase.freshUrl("restart");

    try (ConfigurableApplicationContext first = start(url, processes)) {
      ApiClient api = api(first);
      assertThat(version(api, "restart-kept")).isEqualTo(1);
      assertThat(version(api, "restart-api")).isEqualTo(1);
      assertThat(version(api, "restart-edited")).isEqualTo(1);
      var deployed = api.post("/api/workflows", Map.of("slug", "restart-api",
          "spec", JSON.readTree(spec("From the API"))));
      assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
      assertThat(deployed.json().path("deployment_version").asInt()).isEqualTo(2);
    }
    Files.writeString(processes.resolve("restart-edited.json"), spec("Edited, second"));

    try (ConfigurableApplicationContext second = start(url, processes)) {
      ApiClient api = api(second);
      var kept = api.get("/api/workflows/restart-api");
      assertThat(kept.json().path("deployment_version").asInt()).isEqualTo(2);
      assertThat(kept.json().path("spec").path("metadata").path("name").asText())
          .isEqualTo("From the API");
      var edited = api.get("/api/workflows/restart-edited");
      assertThat(edited.json().path("deployment_version").asInt()).isEqualTo(2);
      assertThat(edited.json().path("spec").path("metadata").path("name").asText())
          .isEqualTo("Edited, second");
      assertThat(version(api, "restart-kept")).isEqualTo(1);
      assertThat(output.getAll()).contains("Workflow 'restart-api' skipped: its version 2 was "
          + "deployed through the API");
      assertThat(output.getAll()).contains("Workflow 'restart-edited' updated (version 2)");
      assertThat(output.getAll()).contains("Workflow 'restart-kept' unchanged (version 1)");
    }
  }

  private static int version(ApiClient api, String slug) {
    var workflow = api.get("/api/workflows/" + slug);
    assertThat(workflow.status()).as(workflow.body()).isEqualTo(200);
    return workflow.json().path("deployment_version").asInt();
  }

  private static ApiClient api(ConfigurableApplicationContext context) {
    return new ApiClient(EngineNode.port(context), "demo", "demo");
  }

  private static ConfigurableApplicationContext start(String url, Path processes) {
    return EngineNode.start("restart", url, "--baton.worker.enabled=false",
        "--baton.processes-dir=" + processes);
  }
}
