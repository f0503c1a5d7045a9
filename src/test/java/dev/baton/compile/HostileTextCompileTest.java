package dev.baton.compile;

import dev.baton.contract.BpmnConventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.EdgeCondition;
import dev.baton.spec.NodeSpec;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import dev.baton.spec.WorkflowSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * No text of a spec becomes an expression. A spec that sets every field Baton knows
 * ({@code specs/hostile/every-field.json}: every string property of the JSON Schema and every
 * string-valued config key Baton reads, plus an unknown config key) has each of its string
 * values replaced, one at a time, by each hostile text: {@code ${…}}, {@code #{…}} with a
 * Runtime.exec, backslashes before them, quotes and XML metacharacters. The same texts go in as
 * the workflow title and as the slugs of the chosen agents. Each variant is either refused by
 * the spec check with an error at that field, or compiled; in the compiled BPMN every attribute
 * and text Camunda evaluates ({@link EvaluatedText}) is then, by Camunda's own expression
 * manager, plain literal text, or parses (with Camunda's JUEL) to one of the fixed shapes of
 * {@link Expressions} with user text only inside string literals that decode to that text.
 */
class HostileTextCompileTest {

  static final List<String> HOSTILE = List.of(
      "${environment.getProperty('user.name')}",
      "#{''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/baton-x')}",
      "\\${x} \\\\#{execution.setVariable('baton_budget_usd', 1000)} \\",
      "\" ' \\\" </name> & <x a=\"1\"/> ]]> } {");

  private static final Path SPEC = Path.of("src/test/resources/specs/hostile/every-field.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);

  /** Fields whose text a spec may choose freely: each must compile, then show literally. */
  private static final Set<String> FREE_TEXT = Set.of(
      "$.metadata.name", "$.metadata.description",
      "$.nodes[0].name", "$.nodes[1].name", "$.nodes[3].name",
      "$.nodes[14].name",
      "$.nodes[0].config.prompt_template", "$.nodes[0].config.model", "$.nodes[0].config.agent",
      "$.nodes[0].config.tools[0]", "$.nodes[0].config.capabilities[0]",
      "$.nodes[0].config.later_feature",
      "$.nodes[0].config.output_schema.properties.steps.description",
      "$.nodes[1].config.escalation_policy.levels[0].channels[0]",
      "$.edges[0].condition.field", "$.edges[0].condition.value",
      "$.edges[7].condition.value[0]");

  /** The shapes of every expression Baton writes (string and number arguments abstracted). */
  static final Set<String> FIXED_SHAPES = Stream.of(
          Expressions.comparison("f", "==", TextNode.valueOf("v")),
          Expressions.guardedComparison("c", 3, "f", "==", TextNode.valueOf("v")),
          Expressions.withinLimit("c", 3),
          Expressions.countVisit("c"),
          Expressions.quorumReached("q", 2),
          Expressions.outcomeIs("g", "approved"),
          Expressions.escalate("g", 1),
          Expressions.timedOut("g"),
          Expressions.budgetFacts("n"),
          Expressions.budgetGuard("n"),
          Expressions.needsOverride("n"),
          Expressions.prepareOverride(),
          Expressions.recordOverride(),
          Expressions.overrideTimedOut("o"),
          Expressions.overrideRefused("o"),
          Expressions.budgetExceeded(),
          Expressions.prepareReview(),
          Expressions.recordDecision(),
          Expressions.initialise("1"),
          Expressions.fail("n", "reason"),
          Expressions.rejected("g"),
          Expressions.slaBreached(),
          Expressions.SHARED_TENANT,
          "${" + BpmnConventions.VAR_PRIORITY + "}")
      .map(CamundaJuel::shape)
      .collect(Collectors.toUnmodifiableSet());

  @Test
  void theSpecSetsEveryStringFieldOfTheSchemaAndItIsValid() throws IOException {
    JsonNode spec = JSON.readTree(SPEC.toFile());
    assertThat(READER.read(spec).errors()).isEmpty();

    Set<String> covered = new TreeSet<>();
    stringLeaves(spec, "$", new ArrayList<>(), (path, pointer) -> covered.add(generic(path)));
    // every string property of the schema, read from the schema itself
    JsonNode schema = JSON.readTree(Path.of("processes/schema/baton-workflow.schema.json")
        .toFile());
    Set<String> schemaStrings = new TreeSet<>();
    schemaStringPaths(schema, schema, "$", schemaStrings);
    assertThat(schemaStrings).isNotEmpty();
    assertThat(covered).containsAll(schemaStrings);
    // and every string-valued config key Baton reads
    assertThat(covered).contains("$.nodes[*].config.prompt_template",
        "$.nodes[*].config.output_format", "$.nodes[*].config.model",
        "$.nodes[*].config.agent", "$.nodes[*].config.tools[*]",
        "$.nodes[*].config.capabilities[*]", "$.nodes[*].config.required_role",
        "$.nodes[*].config.required_role[*]", "$.nodes[*].config.approvers[*]",
        "$.nodes[*].config.timeout", "$.nodes[*].config.on_timeout",
        "$.nodes[*].config.escalation_policy.levels[*].assignees[*]",
        "$.nodes[*].config.escalation_policy.levels[*].channels[*]",
        "$.nodes[*].config.approval_criteria.allowed_actions[*]");
  }

  @Test
  void hostileTextInAnyStringFieldNeverBecomesAnExpression() throws IOException {
    JsonNode original = JSON.readTree(SPEC.toFile());
    // one field per role: the name of one agent task stands for all fourteen
    Map<String, String[]> byRole = new LinkedHashMap<>();
    stringLeaves(original, "$", new ArrayList<>(), (path, pointer) ->
        byRole.putIfAbsent(role(original, path, pointer), new String[] {path, pointer}));
    List<String[]> leaves = List.copyOf(byRole.values());
    assertThat(leaves).hasSizeGreaterThan(50);

    Set<String> compiled = new LinkedHashSet<>();
    Map<String, String> refused = new LinkedHashMap<>();
    int variants = 0;
    for (String hostile : HOSTILE) {
      for (String[] leaf : leaves) {
        String path = leaf[0];
        for (String text : variantsOf(path, hostile)) {
          variants++;
          ObjectNode spec = original.deepCopy();
          set(spec, leaf[1], text);
          SpecReport report = READER.read(spec);
          if (!report.valid()) {
            assertRefusedAt(report, path, text);
            refused.put(path, report.errors().get(0).message());
            continue;
          }
          compiled.add(path);
          String xml = compile(report.spec(), hostile);
          assertNothingEvaluatesUserText(xml);
          assertUserTasksShowTheirNamesLiterally(xml, report.spec());
          assertComparisonsCarryTheirTextAsLiterals(xml, report.spec());
        }
      }
    }
    assertThat(compiled).as("free-text fields that compiled with hostile text")
        .containsAll(FREE_TEXT);
    // ids, roles, users, enums, durations and references are refused, never compiled
    assertThat(refused.keySet()).contains("$.nodes[0].id", "$.nodes[1].config.required_role",
        "$.nodes[1].config.approvers[0]", "$.nodes[2].config.required_role[0]",
        "$.nodes[1].config.escalation_policy.levels[0].assignees[0]",
        "$.metadata.budget_override.required_role", "$.metadata.budget_override.approvers[0]",
        "$.nodes[1].config.timeout", "$.edges[0].condition.operator", "$.nodes[0].type");
    assertThat(variants).isGreaterThan(300);
    System.out.printf("[hostile] %d string fields x %d texts = %d variants: fields compiled %d,"
        + " fields refused %d%n", leaves.size(), HOSTILE.size(), variants, compiled.size(),
        refused.size());
  }

  @Test
  void theCheckFlagsAnExpressionThatUserTextControls() throws IOException {
    WorkflowSpec spec = READER.read(JSON.readTree(SPEC.toFile())).orThrow();
    String xml = compile(spec, "agent");
    // what the compiler wrote before: the gate's name as the attribute itself
    String injected = xml.replace("name=\"Review the plan\"",
        "name=\"${environment.getProperty('user.name')}\"");
    assertThat(injected).isNotEqualTo(xml);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNothingEvaluatesUserText(
        injected)).isInstanceOf(AssertionError.class).hasMessageContaining("userTask#review@name");
    // and an id that JUEL reads as arithmetic, as the old outcome condition did
    String arithmetic = xml.replace(
        "${execution.getVariable(\"review__outcome\") == \"approved\"}",
        "${sign-off.final__outcome == 'approved'}");
    assertThat(arithmetic).isNotEqualTo(xml);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNothingEvaluatesUserText(
        arithmetic)).isInstanceOf(AssertionError.class);
  }

  // --- the checks ------------------------------------------------------------------------------

  static void assertNothingEvaluatesUserText(String xml) {
    for (EvaluatedText.Found found : EvaluatedText.in(xml)) {
      // JUEL's scanner leaves literal text only at "${" or "#{"; without either it is plain
      boolean plain = !found.text().contains("${") && !found.text().contains("#{");
      if (plain || CamundaJuel.isLiteral(found.text())) {
        continue;
      }
      String shape;
      try {
        shape = CamundaJuel.shape(found.text());
      } catch (RuntimeException e) {
        throw new AssertionError(found.where() + " is neither literal text nor an expression "
            + "Baton writes: " + found.text(), e);
      }
      if (!FIXED_SHAPES.contains(shape)) {
        throw new AssertionError(found.where() + " holds an expression of a shape Baton does "
            + "not write: " + found.text() + "\nshape: " + shape);
      }
    }
  }

  private static void assertUserTasksShowTheirNamesLiterally(String xml, WorkflowSpec spec) {
    for (Element task : EvaluatedText.elements(xml, EvaluatedText.BPMN, "userTask")) {
      String id = task.getAttribute("id");
      String expected = id.endsWith(BpmnConventions.SEP + "override")
          ? "Raise budget for " + label(spec, id.substring(0, id.length() - "__override".length()))
          : label(spec, id);
      assertThat(CamundaJuel.isLiteral(task.getAttribute("name"))).isTrue();
      assertThat(CamundaJuel.literalValue(task.getAttribute("name")))
          .as("name of %s as the engine evaluates it", id).isEqualTo(expected);
    }
  }

  private static void assertComparisonsCarryTheirTextAsLiterals(String xml, WorkflowSpec spec) {
    List<String> literals = new ArrayList<>();
    for (Element condition : EvaluatedText.elements(xml, EvaluatedText.BPMN,
        "conditionExpression")) {
      literals.addAll(CamundaJuel.strings(condition.getTextContent()));
    }
    for (var edge : spec.edges()) {
      if (edge.condition() instanceof EdgeCondition.Comparison c) {
        assertThat(literals).contains(c.field());
        assertThat(literals).contains(c.value() == null ? "null" : c.value().toString());
      }
    }
  }

  private static String label(WorkflowSpec spec, String id) {
    return spec.node(id).map(NodeSpec::label).orElseThrow();
  }

  private static void assertRefusedAt(SpecReport report, String path, String text) {
    List<String> paths = report.errors().stream().map(SpecProblem::path).toList();
    assertThat(paths).as("errors for %s = %s", path, text)
        .anySatisfy(p -> assertThat(path.equals(p) || path.startsWith(p + ".")
            || path.startsWith(p + "[")).isTrue());
  }

  // --- building the variants ---------------------------------------------------------------------

  private static String compile(WorkflowSpec spec, String hostile) {
    Map<String, String> agents = new LinkedHashMap<>();
    spec.nodes().stream().filter(n -> n.type() == NodeType.AGENT_TASK)
        .forEach(n -> agents.put(n.id(), hostile));
    String version = hostile.length() <= 64 ? hostile : hostile.substring(0, 64);
    return new BpmnCompiler().compile("every-field", hostile, version, spec, agents).bpmnXml();
  }

  /** A comparison field must start with a root; the text also goes in after one. */
  private static List<String> variantsOf(String path, String hostile) {
    return path.endsWith(".condition.field") ? List.of(hostile, "input." + hostile)
        : List.of(hostile);
  }

  interface LeafVisitor {
    void visit(String path, String pointer);
  }

  /** Every string value of a document, with its JSONPath and JSON Pointer. */
  static void stringLeaves(JsonNode node, String path, List<String> pointer,
      LeafVisitor visitor) {
    if (node.isTextual()) {
      visitor.visit(path, "/" + String.join("/", pointer));
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        List<String> next = new ArrayList<>(pointer);
        next.add(field.getKey().replace("~", "~0").replace("/", "~1"));
        stringLeaves(field.getValue(), path + "." + field.getKey(), next, visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<String> next = new ArrayList<>(pointer);
        next.add(String.valueOf(i));
        stringLeaves(node.get(i), path + "[" + i + "]", next, visitor);
      }
    }
  }

  private static void set(ObjectNode root, String pointer, String text) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), TextNode.valueOf(text));
    } else {
      ((ObjectNode) parent).put(last, text);
    }
  }

  /** A field's role: its path with indexes generalised, and the kind of node or comparison. */
  private static String role(JsonNode spec, String path, String pointer) {
    String[] parts = pointer.split("/");
    String kind = parts.length > 2 && parts[1].equals("nodes")
        ? spec.at("/nodes/" + parts[2] + "/type").asText()
        : parts.length > 2 && parts[1].equals("edges")
            ? spec.at("/edges/" + parts[2] + "/condition/operator").asText(
                spec.at("/edges/" + parts[2] + "/condition").asText())
            : "";
    return generic(path) + "|" + kind;
  }

  private static String generic(String path) {
    return path.replaceAll("\\[\\d+]", "[*]");
  }

  /** JSONPaths (with [*]) of every property the schema allows to be a string. */
  private static void schemaStringPaths(JsonNode root, JsonNode schema, String path,
      Set<String> out) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      schemaStringPaths(root, root.at(ref.substring(1)), path, out);
      return;
    }
    JsonNode type = schema.path("type");
    boolean string = type.asText().equals("string")
        || type.isArray() && type.toString().contains("\"string\"");
    if (string && !path.equals("$.$schema")) {
      out.add(path);
    }
    schema.path("properties").fields().forEachRemaining(p ->
        schemaStringPaths(root, p.getValue(), path + "." + p.getKey(), out));
    if (schema.has("items")) {
      schemaStringPaths(root, schema.get("items"), path + "[*]", out);
    }
    if (schema.has("else")) {
      schemaStringPaths(root, schema.get("else"), path, out);
    }
  }
}
