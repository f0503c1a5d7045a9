package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.baton.contract.BpmnConventions;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Baton's Camunda Modeler element templates ({@code processes/element-templates/}) are valid
 * element templates, and they and the compiler cannot drift apart: every field a template
 * binds is written by the compiler on the elements it links to that template, with the fixed
 * values the template sets and values its dropdowns and patterns accept; and every readable
 * property or Camunda attribute the compiler writes on a linked element is a field of the
 * template.
 *
 * <p>The schema is a copy of {@code @camunda/element-templates-json-schema} 0.22.1
 * ({@code resources/schema.json}, MIT, see the LICENSE beside it), the schema the templates'
 * {@code $schema} names, stored so that the test runs offline.
 */
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of("processes/element-templates");
  private static final Path SCHEMA = Path.of("src/test/resources/element-templates/schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);

  /** Sets every field the templates show, on an agent task and a gate. */
  private static final String FULL_SPEC = """
      {"metadata": {"name": "Everything", "budget_usd": 3},
       "nodes": [
         {"id": "draft", "type": "agent_task", "agent_type": "builder",
          "config": {"capabilities": ["code", "review"], "prompt_template": "implement_features",
                     "model": "gpt-4o-mini", "tools": ["git", "github"],
                     "output_format": "structured"}},
         {"id": "sign_off", "type": "approval_gate", "dependencies": ["draft"],
          "config": {"required_role": "TenantAdmin,devops-lead", "approvers": ["alice"],
                     "timeout": "P2D", "on_timeout": "approve",
                     "escalation_policy": {"levels": [
                       {"after_hours": 4, "assignees": ["devops-lead"], "channels": ["log"]},
                       {"after_hours": 12.5, "assignees": ["product-owner", "carol"]}]},
                     "approval_criteria": {"require_justification": true,
                       "require_two_person_rule": true,
                       "allowed_actions": ["approve", "reject", "request_changes"]}}},
         {"id": "recover", "type": "agent_task", "agent_type": "docs"}],
       "edges": [{"from": "draft", "to": "recover", "condition": "failure"}]}
      """;

  static Stream<Path> templateFiles() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(JSON.readTree(SCHEMA.toFile()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templateFiles")
  void everyTemplateIsAValidCamunda7ElementTemplate(Path file) throws IOException {
    JsonNode template = JSON.readTree(file.toFile());
    assertThat(schema().validate(template)).isEmpty();
    assertThat(template.path("$schema").asText())
        .isEqualTo("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
  }

  /** The schema check is not vacuous: what the Modeler refuses, it refuses too. */
  @Test
  void theSchemaRefusesATemplateTheModelerWouldNotLoad() throws IOException {
    JsonNode textProperty = JSON.readTree("""
        {"name": "x", "id": "x", "appliesTo": ["bpmn:Task"], "properties": [
          {"type": "Text", "binding": {"type": "camunda:property", "name": "baton.model"}}]}""");
    JsonNode noBindingName = JSON.readTree("""
        {"name": "x", "id": "x", "appliesTo": ["bpmn:Task"], "properties": [
          {"type": "String", "binding": {"type": "camunda:property"}}]}""");
    JsonNode noAppliesTo = JSON.readTree("""
        {"name": "x", "id": "x", "properties": []}""");
    for (JsonNode bad : List.of(textProperty, noBindingName, noAppliesTo)) {
      Set<ValidationMessage> messages = schema().validate(bad);
      assertThat(messages).as(bad.toString()).isNotEmpty();
    }
  }

  @Test
  void theFilesHoldExactlyTheTemplatesTheCompilerLinks() throws IOException {
    Map<String, Integer> versions = new TreeMap<>();
    for (JsonNode template : templates().values()) {
      versions.put(template.path("id").asText(), template.path("version").asInt());
    }
    assertThat(versions).containsExactlyInAnyOrderEntriesOf(Map.of(
        ModelerTemplates.AGENT_TASK, ModelerTemplates.VERSION,
        ModelerTemplates.APPROVAL_GATE, ModelerTemplates.VERSION,
        ModelerTemplates.BUDGET_CHECK, ModelerTemplates.VERSION));
  }

  /** Template to compiler: each field of each template is written, as the template says. */
  @Test
  void everyFieldOfEveryTemplateIsWrittenByTheCompiler() throws Exception {
    List<Linked> linked = linkedElements(compileFull());
    for (JsonNode template : templates().values()) {
      String id = template.path("id").asText();
      List<Linked> elements = linked.stream().filter(l -> l.template().equals(id)).toList();
      assertThat(elements).as("elements linked to " + id).isNotEmpty();
      for (JsonNode field : template.path("properties")) {
        String name = field.path("binding").path("name").asText();
        List<String> written = elements.stream().map(l -> l.bound(field)).toList();
        assertThat(written).as(id + " field " + name + " on " + elements)
            .anyMatch(v -> v != null && !v.isEmpty());
        for (Linked element : elements) {
          String value = element.bound(field);
          if (fixed(field)) {
            assertThat(value).as(element.id() + " " + name)
                .isEqualTo(field.path("value").asText());
          }
        }
      }
    }
  }

  /**
   * Compiler to template, over every sample workflow and the spec that sets everything: what
   * the compiler writes on a linked element is a field of its template, and a value the
   * Modeler accepts there.
   */
  @Test
  void everythingTheCompilerWritesOnALinkedElementIsAFieldOfItsTemplate() throws Exception {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    templates().values().forEach(t -> byId.put(t.path("id").asText(), t));
    List<String> xmls = new ArrayList<>();
    xmls.add(compileFull());
    for (Path sample : BpmnCompilerGoldenTest.samples().toList()) {
      String slug = sample.getFileName().toString().replaceFirst("\\.json$", "");
      xmls.add(new BpmnCompiler()
          .compile(slug, READER.read(Files.readString(sample)).orThrow()).bpmnXml());
    }
    int checked = 0;
    for (String xml : xmls) {
      for (Linked element : linkedElements(xml)) {
        JsonNode template = byId.get(element.template());
        assertThat(template).as("template of " + element.id()).isNotNull();
        assertThat(element.version()).isEqualTo(String.valueOf(ModelerTemplates.VERSION));
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        template.path("properties").forEach(f -> fields.put(key(f), f));
        Map<String, String> written = new LinkedHashMap<>();
        element.attributes().forEach((name, value) -> written.put("property:" + name, value));
        element.properties().forEach((name, value) -> {
          if (!ModelerTemplates.INTERNAL_PROPERTIES.contains(name)) {
            written.put("camunda:property:" + name, value);
          }
        });
        assertThat(fields.keySet()).as("fields of " + element.template() + ", written on "
            + element.id()).containsAll(written.keySet());
        written.forEach((key, value) -> accepts(fields.get(key), value, element.id()));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  /** The settings of a node read as the spec wrote them (timers as Baton writes them). */
  @Test
  void theReadablePropertiesSayWhatTheSpecSays() throws Exception {
    Map<String, Linked> byElement = new LinkedHashMap<>();
    linkedElements(compileFull()).forEach(l -> byElement.put(l.id(), l));

    assertThat(byElement.get("draft").properties()).containsAllEntriesOf(Map.of(
        BpmnConventions.PROP_AGENT_TYPE, "builder",
        BpmnConventions.PROP_AGENT, "coder",
        ModelerTemplates.PROP_CAPABILITIES, "code,review",
        ModelerTemplates.PROP_PROMPT_TEMPLATE, "implement_features",
        ModelerTemplates.PROP_MODEL, "gpt-4o-mini",
        ModelerTemplates.PROP_TOOLS, "git,github",
        ModelerTemplates.PROP_OUTPUT_FORMAT, "structured",
        BpmnConventions.PROP_ON_FAILURE, BpmnConventions.ON_FAILURE_ROUTE));
    // what the worker reads stays as it was
    assertThat(byElement.get("draft").properties()).containsKeys(BpmnConventions.PROP_CONFIG,
        BpmnConventions.PROP_NODE);
    assertThat(byElement.get("recover").properties())
        .containsEntry(ModelerTemplates.PROP_OUTPUT_FORMAT, "text")
        .doesNotContainKeys(ModelerTemplates.PROP_MODEL, ModelerTemplates.PROP_TOOLS,
            ModelerTemplates.PROP_PROMPT_TEMPLATE, ModelerTemplates.PROP_CAPABILITIES);

    Linked gate = byElement.get("sign_off");
    assertThat(gate.attributes()).containsEntry("camunda:candidateGroups", "TenantAdmin,devops-lead")
        .containsEntry("camunda:candidateUsers", "alice");
    assertThat(gate.properties()).containsAllEntriesOf(Map.of(
        ModelerTemplates.PROP_TIMEOUT, "PT48H",
        ModelerTemplates.PROP_ON_TIMEOUT, "approve",
        ModelerTemplates.PROP_ESCALATION_LEVELS,
        "PT4H: devops-lead (notify log); PT12H30M: product-owner, carol",
        ModelerTemplates.PROP_TWO_PERSON_RULE, "true",
        ModelerTemplates.PROP_REQUIRE_JUSTIFICATION, "true",
        ModelerTemplates.PROP_ALLOWED_ACTIONS, "approve,reject,request_changes"));

    assertThat(byElement.get("draft__budget").properties())
        .containsExactlyEntriesOf(Map.of(ModelerTemplates.PROP_CHECKS, "draft"));
  }

  /** Only agent tasks, gates and budget checks are linked; the budget override is not a gate. */
  @Test
  void agentTasksGatesAndBudgetChecksAreLinkedAndNothingElse() throws Exception {
    String xml = new BpmnCompiler().compile("long-report",
        READER.read(Files.readString(Path.of("processes/long-report.json"))).orThrow())
        .bpmnXml();
    Map<String, String> templateOf = new TreeMap<>();
    linkedElements(xml).forEach(l -> templateOf.put(l.id(), l.template()));
    assertThat(templateOf).containsEntry("draft", ModelerTemplates.AGENT_TASK)
        .containsEntry("draft__budget", ModelerTemplates.BUDGET_CHECK)
        .doesNotContainKey(BpmnConventions.overrideId("draft"));
    assertThat(linkedElements(compileFull()).stream().map(Linked::template))
        .contains(ModelerTemplates.APPROVAL_GATE);
  }

  // ---- helpers

  private static String compileFull() {
    return new BpmnCompiler().compile("everything", null, null,
        READER.read(FULL_SPEC).orThrow(), Map.of("draft", "coder", "recover", "writer"))
        .bpmnXml();
  }

  private static Map<Path, JsonNode> templates() throws IOException {
    Map<Path, JsonNode> templates = new TreeMap<>();
    for (Path file : templateFiles().toList()) {
      templates.put(file, JSON.readTree(file.toFile()));
    }
    return templates;
  }

  /** A template field's binding as a key: {@code property:camunda:topic}, ... */
  private static String key(JsonNode field) {
    return field.path("binding").path("type").asText() + ":"
        + field.path("binding").path("name").asText();
  }

  /** A field whose value the template sets and people cannot change. */
  private static boolean fixed(JsonNode field) {
    return "Hidden".equals(field.path("type").asText())
        || !field.path("editable").asBoolean(true);
  }

  /** Whether the Modeler would accept a value the compiler wrote in this field. */
  private static void accepts(JsonNode field, String value, String element) {
    String name = key(field) + " on " + element;
    if (fixed(field)) {
      assertThat(value).as(name).isEqualTo(field.path("value").asText());
    }
    if ("Dropdown".equals(field.path("type").asText())) {
      List<String> choices = new ArrayList<>();
      field.path("choices").forEach(c -> choices.add(c.path("value").asText()));
      assertThat(choices).as(name).contains(value);
    }
    JsonNode pattern = field.path("constraints").path("pattern");
    if (!pattern.isMissingNode()) {
      String regex = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText();
      assertThat(Pattern.compile(regex).matcher(value).matches()).as(name + ": " + value)
          .isTrue();
    }
    if (field.path("constraints").path("notEmpty").asBoolean(false)) {
      assertThat(value).as(name).isNotEmpty();
    }
  }

  /**
   * An element linked to a template: its Camunda attributes (without the link itself) and its
   * extension properties.
   */
  record Linked(String id, String template, String version, Map<String, String> attributes,
      Map<String, String> properties) {

    /** The value the element holds for a template field, or null. */
    String bound(JsonNode field) {
      String name = field.path("binding").path("name").asText();
      return switch (field.path("binding").path("type").asText()) {
        case "property" -> attributes.get(name);
        case "camunda:property" -> properties.get(name);
        default -> throw new AssertionError("binding not checked by this test: " + field);
      };
    }
  }

  private static List<Linked> linkedElements(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var document = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    String camunda = BpmnModelConstants.CAMUNDA_NS;
    List<Linked> linked = new ArrayList<>();
    NodeList all = document.getElementsByTagNameNS(BpmnModelConstants.BPMN20_NS, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (!element.hasAttributeNS(camunda, "modelerTemplate")) {
        continue;
      }
      Map<String, String> attributes = new TreeMap<>();
      NamedNodeMap map = element.getAttributes();
      for (int a = 0; a < map.getLength(); a++) {
        Attr attr = (Attr) map.item(a);
        if (camunda.equals(attr.getNamespaceURI())
            && !attr.getLocalName().startsWith("modelerTemplate")) {
          attributes.put("camunda:" + attr.getLocalName(), attr.getValue());
        }
      }
      Map<String, String> properties = new LinkedHashMap<>();
      NodeList props = element.getElementsByTagNameNS(camunda, "property");
      for (int p = 0; p < props.getLength(); p++) {
        Element prop = (Element) props.item(p);
        properties.put(prop.getAttribute("name"), prop.getAttribute("value"));
      }
      linked.add(new Linked(element.getAttribute("id"), element.getAttributeNS(camunda,
          "modelerTemplate"), element.getAttributeNS(camunda, "modelerTemplateVersion"),
          attributes, properties));
    }
    return linked;
  }
}
