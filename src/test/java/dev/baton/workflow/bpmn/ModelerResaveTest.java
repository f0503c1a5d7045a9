package dev.baton.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.compile.BpmnCompiler;
import dev.baton.contract.SpecSource;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.support.NodeProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A compiled BPMN opened and saved unchanged by bpmn-js (Camunda Modeler's library, through its
 * moddle packages) reads back as no edit at all: the Modeler's own way of writing a file
 * (defaults left out, other prefixes and order) is not mistaken for an analyst's change.
 * Needs node and npm (src/test/lint); skipped without them, except on CI.
 */
class ModelerResaveTest {

  private static final Path OUT = Path.of("target/resave");
  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);

  @Test
  void everySampleSavedByTheModelerIsUnchanged() throws Exception {
    boolean tools = NodeProject.onPath("node") && NodeProject.onPath("npm");
    if (!tools && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("node and npm are needed on CI");
    }
    Assumptions.assumeTrue(tools, "node and npm are needed (src/test/lint)");
    Files.createDirectories(OUT);
    List<Path> specs;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      specs = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<String> command = new ArrayList<>(List.of("node", "resave.mjs"));
    for (Path spec : specs) {
      String slug = spec.getFileName().toString().replaceFirst("\\.json$", "");
      String text = Files.readString(spec);
      Path bpmn = OUT.resolve(slug + ".bpmn");
      Files.writeString(bpmn, new BpmnCompiler().compile(slug, null, null,
          READER.read(text).orThrow(), Map.of(), SpecSource.of(slug, text)).bpmnXml());
      command.add(bpmn.toAbsolutePath().toString());
    }
    NodeProject project = new NodeProject(Path.of("src/test/lint"), "[resave]");
    project.installIfNeeded();
    NodeProject.Result run = project.run(command, Map.of(), 120);
    assertThat(run.exit()).as(run.output()).isZero();

    for (Path spec : specs) {
      String slug = spec.getFileName().toString().replaceFirst("\\.json$", "");
      String compiled = Files.readString(OUT.resolve(slug + ".bpmn"));
      String resaved = Files.readString(OUT.resolve(slug + ".resaved.bpmn"));
      assertThat(resaved).as(slug).isNotEqualTo(compiled);
      ObjectNode base = (ObjectNode) new ObjectMapper().readTree(Files.readString(spec));
      SpecDerivation.Result result = SpecDerivation.fromBase(base, BpmnDocument.read(compiled),
          BpmnDocument.read(resaved));
      assertThat(result.spec()).as(slug).isEqualTo(base);
      assertThat(result.applied()).as(slug).isEmpty();
      assertThat(result.ignored()).as(slug).isEmpty();
      assertThat(DiagramOverlay.moved(BpmnDocument.read(compiled).model(),
          BpmnDocument.read(resaved).model())).as(slug).isEmpty();
    }
  }
}
