package dev.baton.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SpecLimits}: size, nesting, node and link counts are checked before the schema and
 * alone, so an oversized spec is refused in milliseconds; strings, characters and numbers are
 * refused with the path of the value and the setting that bounds it.
 */
class SpecLimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);

  private static String nodes(int count) {
    StringBuilder json = new StringBuilder("{\"metadata\":{\"name\":\"big\"},\"nodes\":[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i)
          .append("\",\"type\":\"parallel\"}");
    }
    return json.append("]}").toString();
  }

  private static List<String> errors(SpecReport report) {
    return report.errors().stream().map(SpecProblem::toString).toList();
  }

  @Test
  void fiftyThousandNodesAreRefusedByTheirCountAlone() throws Exception {
    String text = nodes(50_000);
    // a larger size limit, so that the node count is what refuses it
    SpecLimits roomy = new SpecLimits(4_000_000, 64, 1_000, 4_000, 64, 200, 4_000, 10_000,
        32_768, 1_000, new BigDecimal("1000000"), 1, 1, 1, 1, 2, 1, 1);
    SpecReader reader = new SpecReader(AgentTypes.BUILT_IN, roomy);
    JsonNode tree = JSON.readTree(text);
    // one error and nothing else: the count refuses the spec before any node is checked (a
    // timing bound here failed on a loaded 2-core machine; speed belongs to the benchmarks)
    SpecReport fromText = reader.read(text);
    SpecReport fromTree = reader.read(tree);

    assertThat(errors(fromText)).containsExactly("ERROR $.nodes: the spec has 50000 nodes; the "
        + "limit is 1000 (split the workflow, or raise baton.limits.max-nodes)");
    assertThat(errors(fromTree)).isEqualTo(errors(fromText));
    // and with the default limits, its size refuses it first
    assertThat(errors(this.reader.read(text))).singleElement().asString()
        .startsWith("ERROR $: the spec is ").contains("the limit is 1048576 bytes");
    assertThat(errors(this.reader.read(tree))).singleElement().asString()
        .startsWith("ERROR $: the spec is over 1048576 bytes");
  }

  @Test
  void deepNestingIsRefusedByTheParserAndInTrees() throws Exception {
    String deep = "{\"metadata\":{\"name\":\"x\",\"description\":" + "[".repeat(100)
        + "]".repeat(100) + "},\"nodes\":[]}";
    assertThat(errors(reader.read(deep))).singleElement().asString()
        .startsWith("ERROR $: the spec exceeds a parser limit: Document nesting depth");
    JsonNode tree = new ObjectMapper().readTree(deep);
    assertThat(errors(reader.read(tree))).containsExactly("ERROR $: the spec nests objects and"
        + " arrays deeper than 64 levels (flatten it, or raise baton.limits.max-depth)");
  }

  @Test
  void tooManyLinksAreRefusedBeforeAnythingElse() {
    StringBuilder edges = new StringBuilder();
    for (int i = 0; i < 4_001; i++) {
      edges.append(i == 0 ? "" : ",").append("{\"from\":\"a\",\"to\":\"b\"}");
    }
    String text = "{\"metadata\":{\"name\":\"x\"},\"nodes\":[{\"id\":\"a\",\"type\":\"parallel\"},"
        + "{\"id\":\"b\",\"type\":\"parallel\"}],\"edges\":[" + edges + "]}";
    assertThat(errors(reader.read(text))).containsExactly("ERROR $.edges: the spec has 4001 "
        + "edges and dependencies; the limit is 4000 (split the workflow, or raise "
        + "baton.limits.max-edges)");
  }

  @Test
  void hugeNumbersAreRefusedWithTheirPathNeverClampedOrWrapped() {
    String text = """
        {"metadata": {"name": "x", "budget_usd": 1e400, "sla_ms": 1e30},
         "nodes": [{"id": "a", "type": "agent_task", "agent_type": "custom", "timeout_ms": 1e30}]}
        """;
    assertThat(errors(reader.read(text))).startsWith(
        "ERROR $.metadata.budget_usd: 'budget_usd' is too large to be a number (it overflows a"
            + " 64-bit floating-point number) (use a value within Baton's limits"
            + " (docs/spec-reference.md#limits))").hasSize(3);

    SpecReport report = reader.read(text.replace("1e400", "5"));
    assertThat(errors(report)).containsExactly(
        "ERROR $.metadata.sla_ms: 'sla_ms' is 1.0E30; the most allowed is 31536000000 (use a"
            + " smaller value, or raise baton.limits.max-sla-ms)",
        "ERROR $.nodes[0].timeout_ms: 'timeout_ms' is 1.0E30; the most allowed is 604800000"
            + " (use a smaller value, or raise baton.limits.max-timeout-ms)");
  }

  @Test
  void everyNumericSettingHasAnUpperBound() {
    String text = """
        {"metadata": {"name": "x", "budget_usd": 2000000,
           "budget_override": {"required_role": "r", "raise_usd": 1e7, "timeout_hours": 1e6}},
         "nodes": [
           {"id": "a", "type": "agent_task", "agent_type": "custom",
            "config": {"max_tokens": 2000000, "temperature": 3, "max_model_calls": 5000,
                       "max_tool_calls": 5000}},
           {"id": "g", "type": "approval_gate", "dependencies": ["a"],
            "config": {"required_role": "r", "timeout": "P400D", "max_iterations": 101,
                       "escalation_policy":
                         {"levels": [{"after_hours": 9000, "channels": ["log"]}]}}},
           {"id": "h", "type": "approval_gate", "dependencies": ["g"],
            "config": {"required_role": "r", "timeout_hours": 9000}},
           {"id": "c", "type": "condition", "dependencies": ["h"],
            "config": {"max_iterations": 500}},
           {"id": "p", "type": "parallel", "dependencies": ["c"], "config": {"wait_for": 5000}}
         ]}
        """;
    List<String> paths = reader.read(text).errors().stream().map(SpecProblem::path).toList();
    assertThat(paths).contains("$.metadata.budget_usd", "$.metadata.budget_override.raise_usd",
        "$.metadata.budget_override.timeout_hours", "$.nodes[0].config.max_tokens",
        "$.nodes[0].config.temperature", "$.nodes[0].config.max_model_calls",
        "$.nodes[0].config.max_tool_calls", "$.nodes[1].config.timeout",
        "$.nodes[1].config.max_iterations",
        "$.nodes[1].config.escalation_policy.levels[0].after_hours",
        "$.nodes[2].config.timeout_hours", "$.nodes[3].config.max_iterations",
        "$.nodes[4].config.wait_for");
  }

  @Test
  void longAndUnstorableTextIsRefusedWithItsPath() {
    String text = """
        {"metadata": {"name": "%s", "description": "%s", "version": "%s"},
         "nodes": [{"id": "%s", "type": "agent_task", "agent_type": "custom",
                    "name": "bell\\u0007", "config": {"note": "half \\ud800 pair", "%s": 1}}]}
        """.formatted("n".repeat(201), "d".repeat(4_001), "v".repeat(65), "i".repeat(65),
        "k".repeat(201));
    List<String> errors = errors(reader.read(text));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "ERROR $.metadata.name: 'name' is 201 characters long; the limit is 200"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "ERROR $.metadata.description: 'description' is 4001 characters long; the limit is 4000"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "ERROR $.metadata.version: 'version' is 65 characters long; the limit is 64"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "ERROR $.nodes[0].id: 'id' is 65 characters long; the limit is 64"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "ERROR $.nodes[0].name: 'name' contains control character U+0007, which a BPMN (XML)"
            + " document cannot hold"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "ERROR $.nodes[0].config.note: 'note' contains an unpaired surrogate U+D800"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(
        "ERROR $.nodes[0].config: a field name is 201 characters long; the limit is 200"));
  }

  @Test
  void aLargeConfigIsRefused() {
    String text = "{\"metadata\":{\"name\":\"x\"},\"nodes\":[{\"id\":\"a\",\"type\":\"agent_task\","
        + "\"agent_type\":\"custom\",\"config\":{\"notes\":[" + "\"0123456789\",".repeat(4_000)
        + "\"end\"]}}]}";
    assertThat(errors(reader.read(text))).containsExactly("ERROR $.nodes[0].config: the config "
        + "of node 0 is over 32768 bytes of JSON; the limit is 32768 (move long texts into a "
        + "prompt template, or raise baton.limits.max-config-bytes)");
  }

  @Test
  void theSampleSpecsAreWithinTheDefaults() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        assertThat(errors(reader.read(java.nio.file.Files.readString(file)))).as("%s", file)
            .isEmpty();
      }
    }
  }
}
