package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code processes/prompts/} seeds the stored templates at start-up and a restart overwrites
 * nothing: Baton starts, one template gets a version through the API, both files are edited,
 * and Baton starts again on the same database (a second Spring context). The API's version
 * stays the latest (the log says the file was skipped), the other template follows its file,
 * and the spec using it is redeployed with the new version pinned.
 */
@ExtendWith({DatabaseAvailable.class, OutputCaptureExtension.class})
class PromptSeedingIT {

  private static String spec(String template) {
    return "{\"metadata\": {\"name\": \"Seeded\"}, \"nodes\": [{\"id\": \"a\", \"type\": "
        + "\"agent_task\", \"agent_type\": \"docs\", \"config\": {\"prompt_template\": \""
        + template + "\"}}]}";
  }

  @Test
  void aRestartSeedsWhatIsMissingOrChangedAndNeverOverTheApi(@TempDir Path processes,
      CapturedOutput output) throws Exception {
    Files.copy(Path.of("processes/baton-budget-check.dmn"),
        processes.resolve("baton-budget-check.dmn"));
    Path prompts = Files.createDirectory(processes.resolve("prompts"));
    Files.writeString(prompts.resolve("seed_file.md"), "File, first: {{input.task}}");
    Files.writeString(prompts.resolve("seed_api.md"), "File: {{input.task}}");
    Files.writeString(processes.resolve("seeded.json"), spec("seed_file"));
    String url = TestDatabase.freshUrl("prompts");

    try (ConfigurableApplicationContext first = start(url, processes)) {
      ApiClient api = api(first);
      var seeded = api.get("/api/prompts/seed_file").json();
      assertThat(seeded.path("latest_version").asInt()).isEqualTo(1);
      assertThat(seeded.path("source").asText()).isEqualTo("file");
      assertThat(api.get("/api/workflows/seeded/bpmn").body())
          .contains("&quot;prompt_version&quot;:1");
      var put = api.send("PUT", "/api/prompts/seed_api", "text/plain", "API: {{input.task}}");
      assertThat(put.status()).as(put.body()).isEqualTo(201);
      assertThat(put.json().path("version").asInt()).isEqualTo(2);
    }
    Files.writeString(prompts.resolve("seed_file.md"), "File, second: {{input.task}}");
    Files.writeString(prompts.resolve("seed_api.md"), "File, edited: {{input.task}}");

    try (ConfigurableApplicationContext second = start(url, processes)) {
      ApiClient api = api(second);
      var kept = api.get("/api/prompts/seed_api").json();
      assertThat(kept.path("latest_version").asInt()).isEqualTo(2);
      assertThat(kept.path("text").asText()).isEqualTo("API: {{input.task}}");
      var followed = api.get("/api/prompts/seed_file").json();
      assertThat(followed.path("latest_version").asInt()).isEqualTo(2);
      assertThat(followed.path("text").asText()).isEqualTo("File, second: {{input.task}}");
      assertThat(api.get("/api/prompts/seed_file/versions/1").json().path("text").asText())
          .isEqualTo("File, first: {{input.task}}");
      // the spec from the files is redeployed with the new version pinned
      assertThat(api.get("/api/workflows/seeded").json().path("deployment_version").asInt())
          .isEqualTo(2);
      assertThat(api.get("/api/workflows/seeded/bpmn").body())
          .contains("&quot;prompt_version&quot;:2");
      assertThat(output.getAll()).contains("Prompt template 'seed_api' skipped: its latest "
          + "version was written through the API");
      assertThat(output.getAll()).contains("Prompt template 'seed_file' updated from");
    }
  }

  private static ApiClient api(ConfigurableApplicationContext context) {
    return new ApiClient(EngineNode.port(context), "demo", "demo");
  }

  private static ConfigurableApplicationContext start(String url, Path processes) {
    return EngineNode.start("prompts", url, "--baton.worker.enabled=false",
        "--baton.processes-dir=" + processes);
  }
}
