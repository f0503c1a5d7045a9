package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.registry.AgentMatcher.Match;
import dev.baton.registry.AgentMatcher.NoMatch;
import dev.baton.registry.AgentMatcher.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentMatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static AgentProfile agent(String slug, String type, List<String> caps,
      boolean enabled, boolean builtIn, Map<String, List<String>> tools) {
    List<AgentProfile.Grant> grants = new ArrayList<>();
    tools.forEach((tool, scopes) -> grants.add(new AgentProfile.Grant(tool, scopes)));
    return AgentProfile.of(slug.hashCode() & 0xffff, slug, slug, type, caps,
        JSON.createObjectNode(), enabled, builtIn, null, grants, null);
  }

  private final List<AgentProfile> registry = new ArrayList<>(DefaultAgents.profiles());

  private static AgentProfile chosen(AgentMatcher.Result result) {
    assertThat(result).isInstanceOf(Match.class);
    return ((Match) result).agent();
  }

  @Test
  void aTypeAloneGetsTheShippedDefaultOfThatType() {
    registry.add(agent("acme-builder", "builder",
        List.of("code_generation", "implementation", "refactoring", "java"), true, false,
        Map.of()));
    assertThat(chosen(AgentMatcher.match(new Requirement("b", "builder", null, null, null),
        registry)).slug()).isEqualTo("builder");
  }

  @Test
  void requiredCapabilitiesPickTheAgentThatHasThemAll() {
    registry.add(agent("acme-builder", "builder",
        List.of("code_generation", "implementation", "refactoring", "java"), true, false,
        Map.of()));
    registry.add(agent("k8s-builder", "builder", List.of("code_generation", "java", "kubernetes",
        "helm", "terraform"), true, false, Map.of()));
    assertThat(chosen(AgentMatcher.match(new Requirement("b", "builder", List.of("java"), null,
        null), registry)).slug()).isEqualTo("acme-builder"); // fewest extras: the closest fit
    assertThat(chosen(AgentMatcher.match(new Requirement("b", null, List.of("java",
        "kubernetes"), null, null), registry)).slug()).isEqualTo("k8s-builder");
  }

  @Test
  void aTieGoesToTheShippedDefaultThenBySlug() {
    registry.add(agent("a-planner", "planner", List.of("planning", "task_breakdown",
        "estimation"), true, false, Map.of()));
    assertThat(chosen(AgentMatcher.match(new Requirement("p", "planner", null, null, null),
        registry)).slug()).isEqualTo("planner");
  }

  @Test
  void disabledAgentsDoNotCountAndTheErrorSaysWhichAreDisabled() {
    registry.replaceAll(a -> a.type().equals("qa") ? agent("qa", "qa", a.capabilities(), false,
        true, Map.of()) : a);
    AgentMatcher.Result result = AgentMatcher.match(new Requirement("t", "qa", null, null, null),
        registry);
    assertThat(result).isInstanceOf(NoMatch.class);
    NoMatch none = (NoMatch) result;
    assertThat(none.field()).isEqualTo("agent_type");
    assertThat(none.message()).contains("no enabled agent of type 'qa'").contains("disabled: qa");
    assertThat(none.hint()).contains("PUT /api/agents/{id}");
  }

  @Test
  void missingCapabilitiesNameTheClosestAgentAndWhatItLacks() {
    NoMatch none = (NoMatch) AgentMatcher.match(new Requirement("p", "planner",
        List.of("planning", "astrology"), null, null), registry);
    assertThat(none.field()).isEqualTo("config.capabilities");
    assertThat(none.message()).contains("closest is 'planner'").contains("[astrology]");
  }

  @Test
  void toolsTheNodeAsksForMustBeAssigned() {
    assertThat(chosen(AgentMatcher.match(new Requirement("i", null, List.of("notifications"),
        null, List.of("slack")), registry)).slug()).isEqualTo("integration");
    NoMatch none = (NoMatch) AgentMatcher.match(new Requirement("i", "docs", null, null,
        List.of("slack")), registry);
    assertThat(none.field()).isEqualTo("config.tools");
    assertThat(none.hint()).contains("POST /api/agents/");
  }

  @Test
  void aPinnedAgentIsTakenWhenItFitsAndRefusedWithTheReasonWhenNot() {
    registry.add(agent("triager", "custom", List.of("issue_triage"), true, false,
        Map.of("github-issues", List.of("read"))));
    registry.add(agent("retired", "custom", List.of("issue_triage"), false, false, Map.of()));
    assertThat(chosen(AgentMatcher.match(new Requirement("t", null, null, "triager",
        List.of("github-issues")), registry)).slug()).isEqualTo("triager");
    assertThat(((NoMatch) AgentMatcher.match(new Requirement("t", null, null, "retired", null),
        registry)).message()).contains("is disabled");
    assertThat(((NoMatch) AgentMatcher.match(new Requirement("t", "qa", null, "triager", null),
        registry)).message()).contains("is of type 'custom', not 'qa'");
    assertThat(((NoMatch) AgentMatcher.match(new Requirement("t", null, null, "nobody", null),
        registry)).field()).isEqualTo("config.agent");
    assertThat(((NoMatch) AgentMatcher.match(new Requirement("t", null, null, "triager",
        List.of("slack")), registry)).field()).isEqualTo("config.tools");
  }
}
