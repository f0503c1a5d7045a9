package dev.baton.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.prompt.PromptSource;
import dev.baton.prompt.PromptText;
import dev.baton.registry.DefaultAgents;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Deploy checks of prompts against stored templates: the latest version (or the one a node
 * asks for) is checked and pinned into the node's config; a template of another tenant is as
 * absent as a missing one; an inline prompt is checked like a template, at its own path.
 */
class PromptReferencesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);

  /** Stored templates: name -> (owner tenant, texts of versions 1..n). */
  private record Stored(String tenant, List<String> versions) {}

  private static final Map<String, Stored> STORED = Map.of(
      "summarise", new Stored(null, List.of("Summarise {{input.task}}",
          "Summarise {{input.task}} after {{draft.output}}")),
      "acme_only", new Stored("acme", List.of("Acme: {{input.task}}")));

  private static final PromptSource SOURCE = new PromptSource() {
    @Override
    public Optional<PromptText> find(String name, Integer version, String tenantId) {
      Stored stored = STORED.get(name);
      if (stored == null || (stored.tenant() != null
          && !Objects.equals(stored.tenant(), tenantId))) {
        return Optional.empty();
      }
      int v = version == null ? stored.versions().size() : version;
      return v < 1 || v > stored.versions().size() ? Optional.empty()
          : Optional.of(new PromptText(name, v, stored.versions().get(v - 1)));
    }

    @Override
    public List<String> names(String tenantId) {
      return STORED.keySet().stream().filter(n -> find(n, null, tenantId).isPresent())
          .sorted().toList();
    }
  };

  private static DeployChecks.Bound check(String spec, String tenant) throws IOException {
    SpecReport report = READER.read(spec);
    assertThat(report.errors()).as("the spec itself is valid").isEmpty();
    return DeployChecks.check(report.spec(), JSON.readTree(spec), DefaultAgents.profiles(),
        SOURCE, tenant);
  }

  @Test
  void theLatestStoredVersionIsCheckedAndPinned() throws IOException {
    DeployChecks.Bound bound = check("""
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "draft", "type": "agent_task", "agent_type": "docs"},
          {"id": "sum", "type": "agent_task", "agent_type": "docs", "dependencies": ["draft"],
           "config": {"prompt_template": "summarise"}}]}
        """, "default");

    assertThat(bound.errors()).isEmpty();
    assertThat(bound.spec().node("sum").orElseThrow().config().path("prompt_version").asInt())
        .isEqualTo(2);
    assertThat(bound.spec().node("draft").orElseThrow().config().has("prompt_version"))
        .isFalse();
  }

  @Test
  void theLatestVersionsPlaceholdersAreTheOnesChecked() throws IOException {
    // version 2 reads {{draft.output}}, which does not run before 'sum' here
    DeployChecks.Bound bound = check("""
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "draft", "type": "agent_task", "agent_type": "docs"},
          {"id": "sum", "type": "agent_task", "agent_type": "docs",
           "config": {"prompt_template": "summarise"}}]}
        """, "default");

    assertThat(bound.errors()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("$.nodes[1].config.prompt_template");
      assertThat(p.message()).isEqualTo("template 'summarise' uses {{draft.output}}, but node "
          + "'draft' does not run before 'sum'");
    });
  }

  @Test
  void aNodeMayAskForAnEarlierVersion() throws IOException {
    DeployChecks.Bound bound = check("""
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "sum", "type": "agent_task", "agent_type": "docs",
           "config": {"prompt_template": "summarise", "prompt_version": 1}}]}
        """, "default");

    assertThat(bound.errors()).isEmpty();
    assertThat(bound.spec().nodes().get(0).config().path("prompt_version").asInt())
        .isEqualTo(1);
  }

  @Test
  void aVersionThatDoesNotExistIsAnErrorNamingTheLatest() throws IOException {
    DeployChecks.Bound bound = check("""
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "sum", "type": "agent_task", "agent_type": "docs",
           "config": {"prompt_template": "summarise", "prompt_version": 7}}]}
        """, "default");

    assertThat(bound.errors()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("$.nodes[0].config.prompt_version");
      assertThat(p.message()).isEqualTo(
          "prompt template 'summarise' has no version 7; its latest is 2");
      assertThat(p.hint()).contains("GET /api/prompts/summarise");
    });
  }

  @Test
  void anotherTenantsTemplateIsNotFound() throws IOException {
    String spec = """
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "a", "type": "agent_task", "agent_type": "docs",
           "config": {"prompt_template": "acme_only"}}]}
        """;
    assertThat(check(spec, "acme").errors()).isEmpty();

    List<SpecProblem> errors = check(spec, "default").errors();
    assertThat(errors).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("$.nodes[0].config.prompt_template");
      assertThat(p.message()).isEqualTo("prompt template 'acme_only' of node 'a' not found: "
          + "it is neither stored (GET /api/prompts) nor a file processes/prompts/acme_only.md");
      assertThat(p.hint()).contains("PUT /api/prompts/acme_only").contains("config.prompt")
          .endsWith("or use one of: summarise");
    });
  }

  @Test
  void anInlinePromptIsCheckedAtItsOwnPathAndPinsNothing() throws IOException {
    DeployChecks.Bound bound = check("""
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "plan", "type": "agent_task", "agent_type": "planner"},
          {"id": "x", "type": "agent_task", "agent_type": "docs", "dependencies": ["plan"],
           "config": {"prompt": "Use {{plan.output}} and {{planner.output}}"}}]}
        """, "default");

    assertThat(bound.errors()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("$.nodes[1].config.prompt");
      assertThat(p.message()).startsWith("the prompt uses {{planner.output}}, but 'planner' is "
          + "neither the run input nor a node of this workflow");
      assertThat(p.hint()).contains("{{plan.output}}");
    });
    assertThat(bound.spec().nodes().get(1).config().has("prompt_version")).isFalse();
  }
}
