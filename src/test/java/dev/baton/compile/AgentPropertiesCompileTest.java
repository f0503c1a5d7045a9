package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.spec.WorkflowSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the compiler records for the worker about agents: the agent chosen at deploy time
 * ({@code baton.agent}, only when one is handed in: the compiler looks nothing up) and how a
 * failure is handled ({@code baton.on_failure}: route, continue, incident).
 */
class AgentPropertiesCompileTest {

  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);

  private static final String SPEC = """
      {"metadata": {"name": "p", "allow_partial_completion": %s},
       "nodes": [
         {"id": "optional", "type": "agent_task", "agent_type": "custom"},
         {"id": "vital", "type": "agent_task", "agent_type": "qa",
          "config": {"critical": true}, "dependencies": ["optional"]},
         {"id": "guarded", "type": "agent_task", "agent_type": "docs",
          "dependencies": ["vital"]},
         {"id": "recover", "type": "agent_task", "agent_type": "docs"}],
       "edges": [{"from": "guarded", "to": "recover", "condition": "failure"}]}
      """;

  private static WorkflowSpec spec(boolean partial) {
    return READER.read(SPEC.formatted(partial)).orThrow();
  }

  private static String property(String xml, String node, String name) {
    int task = xml.indexOf("id=\"" + node + "\"");
    int at = xml.indexOf("name=\"" + name + "\" value=\"", task);
    int start = at + ("name=\"" + name + "\" value=\"").length();
    return at < 0 ? null : xml.substring(start, xml.indexOf('"', start));
  }

  @Test
  void nonCriticalTasksContinueOnlyUnderPartialCompletion() {
    String partial = new BpmnCompiler().compile("p", spec(true)).bpmnXml();
    assertThat(property(partial, "optional", "baton.on_failure")).isEqualTo("continue");
    assertThat(property(partial, "vital", "baton.on_failure")).isEqualTo("incident");
    assertThat(property(partial, "guarded", "baton.on_failure")).isEqualTo("route");

    String strict = new BpmnCompiler().compile("p", spec(false)).bpmnXml();
    assertThat(property(strict, "optional", "baton.on_failure")).isEqualTo("incident");
  }

  @Test
  void theChosenAgentIsRecordedOnlyWhenHandedIn() {
    String without = new BpmnCompiler().compile("p", spec(false)).bpmnXml();
    assertThat(without).doesNotContain("baton.agent\"");
    String with = new BpmnCompiler().compile("p", null, null, spec(false),
        Map.of("optional", "researcher", "vital", "qa")).bpmnXml();
    assertThat(property(with, "optional", "baton.agent")).isEqualTo("researcher");
    assertThat(property(with, "vital", "baton.agent")).isEqualTo("qa");
    assertThat(with).containsOnlyOnce("value=\"researcher\"");
  }
}
