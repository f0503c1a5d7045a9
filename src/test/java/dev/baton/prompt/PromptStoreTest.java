package dev.baton.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The stored templates on a real database (in-memory H2 with Baton's migration): versions are
 * numbered and kept; two writers of the same next version do not both win; seeding from files
 * creates what is missing, follows a changed file, and never adds over a version written
 * through the API.
 */
class PromptStoreTest {

  private JdbcTemplate jdbc;
  private PromptStore store;
  private PromptSeeding seeding;

  @BeforeEach
  void freshDatabase() throws IOException {
    jdbc = new JdbcTemplate(new DriverManagerDataSource(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    String script = Files.readString(Path.of("src/main/resources/db/migration/V14__prompts.sql"))
        .lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
    for (String statement : script.split(";")) {
      if (!statement.isBlank()) {
        jdbc.execute(statement);
      }
    }
    store = new PromptStore(jdbc);
    seeding = new PromptSeeding(store);
  }

  @Test
  void everyChangeIsANewVersionAndOldVersionsStay() {
    store.add("triage", "acme", "one {{input.task}}", PromptStore.SOURCE_API, "zoe", null);
    // another tenant that meant to create the same name gets nothing written
    assertThat(store.add("triage", "other", "theirs", PromptStore.SOURCE_API, "x", null))
        .isEmpty();
    store.add("triage", "acme", "two", PromptStore.SOURCE_API, "zoe", null);

    assertThat(store.latest("triage").orElseThrow().version()).isEqualTo(2);
    assertThat(store.version("triage", 1).orElseThrow().text()).isEqualTo("one {{input.task}}");
    assertThat(store.versions("triage")).extracting(PromptVersion::version).containsExactly(2, 1);
    // the first writer owns the template
    assertThat(store.summary("triage").orElseThrow().tenantId()).isEqualTo("acme");
    assertThat(store.list()).singleElement().satisfies(s -> {
      assertThat(s.latestVersion()).isEqualTo(2);
      assertThat(s.source()).isEqualTo("api");
    });
    assertThat(store.version("triage", 3)).isEmpty();
  }

  @Test
  void aWriterThatExpectedAnOlderLatestVersionGivesUp() {
    store.add("t", null, "one", PromptStore.SOURCE_FILE, null, 0);
    // another node added version 2 meanwhile
    store.add("t", null, "two", PromptStore.SOURCE_API, "alice", null);

    assertThat(store.add("t", null, "one, edited", PromptStore.SOURCE_FILE, null, 1)).isEmpty();
    assertThat(store.add("t", null, "first again", PromptStore.SOURCE_FILE, null, 0)).isEmpty();
    assertThat(store.latest("t").orElseThrow().text()).isEqualTo("two");
  }

  @Test
  void aVersionReadOnceIsServedFromTheCacheEvenIfTheRowWereGone() {
    store.add("t", null, "one", PromptStore.SOURCE_API, "alice", null);
    PromptStore other = new PromptStore(jdbc);
    assertThat(other.version("t", 1)).isPresent();
    jdbc.update("DELETE FROM baton_prompt_version");

    assertThat(other.version("t", 1).orElseThrow().text()).isEqualTo("one");
    assertThat(other.latest("t")).as("the latest is always read from the database").isEmpty();
  }

  @Test
  void seedingCreatesFollowsChangedFilesAndKeepsApiVersions(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("plan.md"), "Plan {{input.task}}");
    Files.writeString(dir.resolve("review.md"), "Review {{plan.output}}");
    Files.writeString(dir.resolve("notes.txt"), "not a template");
    Files.writeString(dir.resolve("Bad Name.md"), "not a template name");
    PromptFiles files = new PromptFiles(dir);

    assertThat(seeding.seed(files)).isEqualTo(Map.of("plan", PromptSeeding.Outcome.CREATED,
        "review", PromptSeeding.Outcome.CREATED));
    assertThat(seeding.seed(files)).isEqualTo(Map.of("plan", PromptSeeding.Outcome.UNCHANGED,
        "review", PromptSeeding.Outcome.UNCHANGED));
    assertThat(store.summary("plan").orElseThrow().tenantId()).as("seeded: shared").isNull();

    // the API writes a version of review; then both files change
    store.add("review", null, "Review carefully {{plan.output}}", PromptStore.SOURCE_API,
        "demo", null);
    Files.writeString(dir.resolve("plan.md"), "Plan well {{input.task}}");
    Files.writeString(dir.resolve("review.md"), "Review, edited file {{plan.output}}");

    assertThat(seeding.seed(files)).isEqualTo(Map.of("plan", PromptSeeding.Outcome.UPDATED,
        "review", PromptSeeding.Outcome.KEPT_API_VERSION));
    assertThat(store.latest("plan").orElseThrow().version()).isEqualTo(2);
    assertThat(store.version("plan", 1).orElseThrow().text()).isEqualTo("Plan {{input.task}}");
    assertThat(store.latest("review").orElseThrow().text())
        .isEqualTo("Review carefully {{plan.output}}");
    assertThat(store.versions("review")).hasSize(2);
  }

  @Test
  void theDatabaseComesFirstThenFilesAndTenantsKeepTheirOwn(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("only_file.md"), "From the file");
    Files.writeString(dir.resolve("both.md"), "File text");
    store.add("both", null, "Stored text", PromptStore.SOURCE_API, "demo", null);
    store.add("mine", "acme", "Acme's", PromptStore.SOURCE_API, "zoe", null);
    StoredPrompts prompts = new StoredPrompts(store, new PromptFiles(dir));

    assertThat(prompts.find("both", null, "default").orElseThrow())
        .isEqualTo(new PromptText("both", 1, "Stored text"));
    assertThat(prompts.find("only_file", null, "default").orElseThrow())
        .isEqualTo(new PromptText("only_file", null, "From the file"));
    assertThat(prompts.find("only_file", 1, "default")).as("a file has no versions").isEmpty();
    assertThat(prompts.find("mine", null, "acme")).isPresent();
    assertThat(prompts.find("mine", null, "default")).isEmpty();
    assertThat(prompts.find("../both", null, "default")).isEmpty();
    assertThat(prompts.names("default")).containsExactly("both", "only_file");
    assertThat(prompts.names("acme")).containsExactly("both", "mine", "only_file");
  }
}
