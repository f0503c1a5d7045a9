package dev.baton.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spec.EdgeCondition.Comparison;
import dev.baton.spec.EdgeCondition.OnOutcome;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpecReaderTest {

  private final SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);

  private static String spec(String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/specs/valid", name));
  }

  @Test
  void seedFullDevelopmentCycleReadsCleanAndBinds() throws IOException {
    SpecReport report = reader.read(spec("seed-full-development-cycle.json"));

    assertThat(report.problems()).isEmpty();
    assertThat(report.valid()).isTrue();
    WorkflowSpec spec = report.orThrow();
    assertThat(spec.metadata())
        .isEqualTo(
            new Metadata(
                "Full Development Cycle",
                "Complete development workflow from idea to deployment",
                "1.0.0",
                3_600_000L,
                new BigDecimal("10.0"),
                false));
    assertThat(spec.nodes())
        .extracting(NodeSpec::id)
        .containsExactly("plan", "approval_gate", "implement");
    NodeSpec plan = spec.node("plan").orElseThrow();
    assertThat(plan.type()).isEqualTo(NodeType.AGENT_TASK);
    assertThat(plan.agentType()).isEqualTo("planner");
    assertThat(plan.label()).isEqualTo("Create Project Plan");
    assertThat(plan.timeoutMs()).isEqualTo(300_000L);
    assertThat(plan.configText("output_format")).contains("structured");
    assertThat(plan.dependencies()).isEmpty();
    NodeSpec gate = spec.node("approval_gate").orElseThrow();
    assertThat(gate.type()).isEqualTo(NodeType.APPROVAL_GATE);
    assertThat(gate.configList("required_role")).containsExactly("TenantAdmin");
    assertThat(gate.configLong("timeout_hours")).contains(24L);
    assertThat(gate.timeoutMs()).isNull();
    assertThat(spec.node("implement").orElseThrow().configList("tools"))
        .containsExactly("git", "github");
    assertThat(spec.edges())
        .containsExactly(
            new EdgeSpec("plan", "approval_gate", new OnOutcome(Outcome.SUCCESS)),
            new EdgeSpec("approval_gate", "implement", new OnOutcome(Outcome.APPROVED)));

    WorkflowGraph graph = new WorkflowGraph(spec);
    assertThat(graph.roots()).containsExactly("plan");
    assertThat(graph.sinks()).containsExactly("implement");
  }

  @Test
  void loopThroughGuardedConditionIsAccepted() throws IOException {
    SpecReport report = reader.read(spec("critic-refine-loop.json"));

    assertThat(report.problems()).isEmpty();
    WorkflowGraph graph = new WorkflowGraph(report.orThrow());
    assertThat(graph.cyclicComponents()).containsExactly(java.util.List.of("build", "qa", "check"));
    Connection back =
        graph.outgoing("check").stream()
            .filter(c -> c.to().equals("build"))
            .findFirst()
            .orElseThrow();
    assertThat(graph.isLoopBack(back)).isTrue();
  }

  @Test
  void comparisonsBind() throws IOException {
    WorkflowSpec spec = reader.read(spec("critic-refine-loop.json")).orThrow();

    assertThat(spec.edges().get(1).condition())
        .isInstanceOfSatisfying(
            Comparison.class,
            c -> {
              assertThat(c.field()).isEqualTo("qa.output.confidence");
              assertThat(c.operator()).isEqualTo(Operator.GT);
              assertThat(c.value().asDouble()).isEqualTo(0.8);
            });
    assertThat(spec.edges().get(2).condition()).isEqualTo(new OnOutcome(Outcome.DEFAULT));
  }

  @Test
  void edgesWithoutConditionTakeTheOrdinaryOutcomeOfTheirSource() {
    String json =
        """
        {"metadata": {"name": "ordinary"},
         "nodes": [
           {"id": "a", "type": "agent_task", "agent_type": "planner"},
           {"id": "gate", "type": "approval_gate", "config": {"required_role": "Lead"}},
           {"id": "split", "type": "parallel"},
           {"id": "b", "type": "agent_task", "agent_type": "builder"},
           {"id": "c", "type": "agent_task", "agent_type": "qa"}],
         "edges": [
           {"from": "a", "to": "gate"},
           {"from": "gate", "to": "split"},
           {"from": "split", "to": "b"},
           {"from": "split", "to": "c"}]}
        """;
    WorkflowSpec spec = reader.read(json).orThrow();

    assertThat(spec.edges())
        .extracting(EdgeSpec::condition)
        .containsExactly(
            new OnOutcome(Outcome.SUCCESS),
            new OnOutcome(Outcome.APPROVED),
            new OnOutcome(Outcome.SUCCESS),
            new OnOutcome(Outcome.SUCCESS));
    assertThat(spec.node("split").orElseThrow().config()).isEmpty();
  }

  @Test
  void schemaKeyIsAllowedAndUnknownFieldsAreRefused() {
    String json =
        """
        {"$schema": "./schema/baton-workflow.schema.json",
         "metadata": {"name": "w", "nmae": "typo"},
         "nodes": [{"id": "a", "type": "agent_task", "agent_type": "custom", "retries": 3,
                    "config": {"later_feature": 1}}]}
        """;
    SpecReport report = reader.read(json);

    assertThat(report.valid()).isFalse();
    assertThat(report.errors())
        .extracting(SpecProblem::toString)
        .containsExactly(
            "ERROR $.metadata.nmae: unknown field 'nmae'; did you mean 'name'? (remove or rename"
                + " it; known fields here: name, description, version, sla_ms, budget_usd,"
                + " allow_partial_completion, budget_override)",
            "ERROR $.nodes[0].retries: unknown field 'retries' (remove or rename it; known"
                + " fields here: id, type, name, description, agent_type, config, timeout_ms,"
                + " dependencies"
                + " (settings of later features go into 'config'))");
  }

  @Test
  void errorsMeanNoSpecAndOrThrowListsThem() {
    SpecReport report = reader.read("{\"metadata\": {\"name\": \"w\"}, \"nodes\": []}");

    assertThat(report.spec()).isNull();
    assertThat(report.valid()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(report::orThrow)
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("workflow has no nodes");
  }

  @Test
  void agentTypesComeFromTheGivenRegistry() {
    SpecReader custom = new SpecReader(() -> java.util.Set.of("summarizer"));
    String json =
        """
        {"metadata": {"name": "w"},
         "nodes": [{"id": "a", "type": "agent_task", "agent_type": "sumarizer"}]}
        """;
    assertThat(custom.read(json).errors())
        .extracting(SpecProblem::toString)
        .containsExactly(
            "ERROR $.nodes[0].agent_type: unknown agent type 'sumarizer';"
                + " did you mean 'summarizer'?"
                + " (known agent types: summarizer)");
  }
}
