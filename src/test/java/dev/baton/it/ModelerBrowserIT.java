package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.process.ProcessTestEngine;
import dev.baton.support.NodeProject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * An analyst's path through Camunda Modeler's editor: {@code src/test/modeler/modeler.mjs} opens
 * the BPMN Baton serves in bpmn-js with the properties panel and Baton's element templates (the
 * packages the desktop Modeler is built on) in headless Chromium and edits it with mouse and
 * keyboard: makes room with the space tool, drops a task from the palette on the flow between
 * the agent tasks build and qa, picks "Baton agent task" in the template chooser and types its
 * ID, name and agent type, renames build on the canvas, drags qa, and types a new role into the
 * approval gate. The edited BPMN goes back through {@code POST /api/workflows} (as XML) and a
 * run of it must pass the new agent task and be decided by a member of the new role only.
 *
 * <p>What the editor saves differs from what the compiler wrote in ways the BPMN import must
 * take: attribute order, generated ids of new flows and DI, and no attribute equal to its
 * moddle default (every budget check loses {@code camunda:decisionRefBinding="latest"}, the
 * engine's default too).
 *
 * <p>Also takes the analysts' guide's pictures of the templates' fields from the BPMN the running
 * Baton serves: to {@code target/modeler/}, with {@code -Dbaton.screenshots.update=true} also to
 * {@code docs/images/} ({@code src/test/modeler/screenshots.sh} draws them from the goldens).
 *
 * <p>Needs node, npm and Debian's chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM}):
 * without them the tests are skipped, except on CI ({@code CI=true}), where they fail.
 */
class ModelerBrowserIT extends IntegrationTest {

  static final Path PROJECT = Path.of("src/test/modeler");
  private static final NodeProject MODELER = new NodeProject(PROJECT, "[modeler]");
  static final Path OUT = Path.of("target/modeler");
  static final Path DOCS_IMAGES = Path.of("docs/images");
  static final List<String> SCREENSHOTS = List.of("modeler-agent-task.png",
      "modeler-approval-gate.png", "modeler-budget-check.png");

  private static final long BROWSER_TIMEOUT_S = 180;
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAnalystsEditedBpmnDeploysAndRuns() throws Exception {
    String chromium = requireNodeNpmAndChromium();
    ApiClient api = api();
    // a workflow of its own (the seed's guarded release under another slug): the edit deploys
    // a new version of it, which must not change the seed's workflow other tests run
    String slug = "modeler-release";
    assertThat(api.post("/api/workflows", Map.of("slug", slug, "spec", ProcessTestEngine.json(
        ProcessTestEngine.read(ProcessTestEngine.sample("guarded-release"))))).status())
        .isEqualTo(201);
    ApiClient.Response served = api.get("/api/workflows/" + slug + "/bpmn");
    assertThat(served.status()).as(served.body()).isEqualTo(200);
    Document original = parse(served.body());
    assertThat(process(original).getAttribute("id")).isEqualTo(slug);

    Files.createDirectories(OUT);
    Path in = OUT.resolve(slug + ".bpmn").toAbsolutePath();
    Path out = OUT.resolve(slug + ".edited.bpmn").toAbsolutePath();
    Files.writeString(in, served.body(), StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    MODELER.installIfNeeded();
    NodeProject.Result browser = MODELER.run(
        List.of("node", "modeler.mjs", "edit", in.toString(), out.toString()),
        Map.of("CHROMIUM", chromium), BROWSER_TIMEOUT_S);
    System.out.println("[modeler] exit " + browser.exit() + "\n" + browser.output());
    if (browser.exit() != 0) {
      fail("editing the BPMN in the Modeler's editor failed (exit " + browser.exit() + "); see "
          + out + ".failure.png:\n" + browser.output());
    }
    JsonNode edits = edits(browser.output());
    String xml = Files.readString(out, StandardCharsets.UTF_8);
    Document edited = parse(xml);

    // the new agent task, from the template, on the flow between build and qa
    Element task = element(edited, "serviceTask", "release_notes");
    assertThat(task.getAttribute("name")).isEqualTo("Write release notes");
    assertThat(task.getAttributeNS(CAMUNDA, "modelerTemplate")).isEqualTo("dev.baton.AgentTask");
    assertThat(task.getAttributeNS(CAMUNDA, "modelerTemplateVersion")).isEqualTo("1");
    assertThat(task.getAttributeNS(CAMUNDA, "type")).isEqualTo("external");
    assertThat(task.getAttributeNS(CAMUNDA, "topic")).isEqualTo("baton-agent");
    assertThat(properties(task)).containsEntry("baton.agent_type", "docs");
    assertThat(flows(edited)).contains("build->release_notes", "release_notes->qa__budget")
        .doesNotContain("build->qa__budget");
    // the gate's new role, the new name, the dragged shape
    assertThat(element(original, "userTask", "prod_approval").getAttributeNS(CAMUNDA,
        "candidateGroups")).isEqualTo("devops-lead");
    assertThat(element(edited, "userTask", "prod_approval").getAttributeNS(CAMUNDA,
        "candidateGroups")).isEqualTo("product-owner");
    assertThat(element(edited, "serviceTask", "build").getAttribute("name"))
        .isEqualTo("Build the release candidate");
    JsonNode moved = edits.path("moved").path("to");
    Map<String, Double> before = bounds(original, "qa");
    Map<String, Double> after = bounds(edited, "qa");
    assertThat(after).isEqualTo(Map.of("x", moved.path("x").asDouble(),
        "y", moved.path("y").asDouble(), "width", 100.0, "height", 80.0));
    assertThat(after.get("y")).isLessThan(before.get("y") - 30);
    assertThat(bounds(edited, "release_notes")).containsEntry("width", 100.0);

    // back into Baton as a new version of the workflow (BPMN import: issue 16's round trip)
    ApiClient.Response deployed = api.send("POST", "/api/workflows", "application/xml", xml);
    assertThat(deployed.status()).as("POST /api/workflows with the edited BPMN: "
        + deployed.body()).isEqualTo(201);

    String run = api.startRun(slug, Map.of("task", "release 3.0, edited in the Modeler",
        "environment", "production"));
    String approval = api.awaitApproval(run, "prod_approval");
    // the role the analyst typed decides: bob (devops-lead, the old role) may not, carol may
    ApiClient.Response refused = api("bob", "bob").post("/api/approvals/" + approval
        + "/approve", Map.of("justification", "release notes read"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    ApiClient.Response approved = api("carol", "carol").post("/api/approvals/" + approval
        + "/approve", Map.of("justification", "release notes read"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    JsonNode notes = RunLifecycleIT.node(done, "release_notes");
    assertThat(notes.path("status").asText()).as(notes.toString()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "prod_approval").path("output").path("decided_by")
        .asText()).isEqualTo("carol");
    assertThat(RunLifecycleIT.node(done, "deploy_prod").path("status").asText())
        .isEqualTo("completed");
  }

  @Test
  void screenshotsShowBatonsFieldsInThePropertiesPanel() throws Exception {
    String chromium = requireNodeNpmAndChromium();
    ApiClient.Response served = api().get("/api/workflows/full-development-cycle/bpmn");
    assertThat(served.status()).as(served.body()).isEqualTo(200);
    Path shots = OUT.resolve("screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    for (String name : SCREENSHOTS) {
      Files.deleteIfExists(shots.resolve(name));
    }
    Path bpmn = OUT.resolve("full-development-cycle.bpmn").toAbsolutePath();
    Files.writeString(bpmn, served.body(), StandardCharsets.UTF_8);
    MODELER.installIfNeeded();
    NodeProject.Result browser = MODELER.run(List.of("node", "modeler.mjs", "screenshots",
        bpmn.toString(), shots.toString(), "plan", "approval_gate", "plan__budget"),
        Map.of("CHROMIUM", chromium), BROWSER_TIMEOUT_S);
    System.out.println("[modeler] exit " + browser.exit() + "\n" + browser.output());
    if (browser.exit() != 0) {
      fail("the Modeler screenshots failed (exit " + browser.exit() + "):\n" + browser.output());
    }
    // the templates load without an error, the BPMN imports without a warning, and each
    // selected element shows its template's fields
    assertThat(browser.output())
        .contains("templates loaded: dev.baton.AgentTask@1, dev.baton.ApprovalGate@1, "
            + "dev.baton.BudgetCheck@1")
        .contains("diagram opened without warnings")
        .contains("plan (Baton agent task; groups Agent, Prompt and model, Failure)")
        .contains("approval_gate (Baton approval gate;")
        .contains("plan__budget (Baton budget check;");
    for (String name : SCREENSHOTS) {
      assertThat(shots.resolve(name)).as(name).isNotEmptyFile();
      if (Boolean.getBoolean("baton.screenshots.update")) {
        Files.copy(shots.resolve(name), DOCS_IMAGES.resolve(name),
            StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[modeler] updated " + DOCS_IMAGES.resolve(name));
      }
    }
  }

  /** The line "edits: {...}" modeler.mjs prints after a successful edit. */
  private static JsonNode edits(String output) throws Exception {
    for (String line : output.split("\n")) {
      if (line.startsWith("edits: ")) {
        return JSON.readTree(line.substring("edits: ".length()));
      }
    }
    throw new AssertionError("modeler.mjs printed no edits:\n" + output);
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static Element process(Document doc) {
    return (Element) doc.getElementsByTagNameNS(BPMN, "process").item(0);
  }

  private static Element element(Document doc, String type, String id) {
    NodeList all = doc.getElementsByTagNameNS(BPMN, type);
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    throw new AssertionError("no " + type + " " + id);
  }

  private static Map<String, String> properties(Element element) {
    Map<String, String> properties = new java.util.HashMap<>();
    NodeList all = element.getElementsByTagNameNS(CAMUNDA, "property");
    for (int i = 0; i < all.getLength(); i++) {
      Element p = (Element) all.item(i);
      properties.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    return properties;
  }

  /** Every sequence flow as "source->target". */
  private static List<String> flows(Document doc) {
    List<String> flows = new ArrayList<>();
    NodeList all = doc.getElementsByTagNameNS(BPMN, "sequenceFlow");
    for (int i = 0; i < all.getLength(); i++) {
      Element f = (Element) all.item(i);
      flows.add(f.getAttribute("sourceRef") + "->" + f.getAttribute("targetRef"));
    }
    return flows;
  }

  /** The DI bounds of an element's shape. */
  private static Map<String, Double> bounds(Document doc, String id) {
    NodeList shapes = doc.getElementsByTagNameNS(BPMNDI, "BPMNShape");
    for (int i = 0; i < shapes.getLength(); i++) {
      Element shape = (Element) shapes.item(i);
      if (id.equals(shape.getAttribute("bpmnElement"))) {
        Element b = (Element) shape.getElementsByTagNameNS(DC, "Bounds").item(0);
        return Map.of("x", Double.valueOf(b.getAttribute("x")),
            "y", Double.valueOf(b.getAttribute("y")),
            "width", Double.valueOf(b.getAttribute("width")),
            "height", Double.valueOf(b.getAttribute("height")));
      }
    }
    throw new AssertionError("no shape of " + id);
  }

  private static String requireNodeNpmAndChromium() {
    return NodeProject.requireNodeNpmAndChromium("the Modeler browser test");
  }
}
