package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.support.NodeProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Lints the compiled BPMN of every sample spec (processes/*.json) and every process test spec
 * (src/test/resources/specs/process/*.json) with bpmnlint and bpmnlint-plugin-camunda-compat,
 * configured as Camunda Modeler 5.x configures them for Camunda Platform 7.24 plus bpmnlint's
 * recommended rules (see src/test/lint/lint.mjs). Errors fail the test; warnings are printed.
 *
 * <p>Needs node and npm on the PATH: without them the test is skipped, except on CI (CI=true),
 * where it fails. The npm project in src/test/lint is installed with {@code npm ci} when its
 * node_modules is missing or older than its package-lock.json.
 */
class BpmnLintTest {

  static final Path LINT_PROJECT = Path.of("src/test/lint");
  private static final NodeProject LINTER = new NodeProject(LINT_PROJECT, "[lint]");
  static final Path OUT = Path.of("target/lint");
  static final List<Path> SPEC_DIRS =
      List.of(Path.of("processes"), Path.of("src/test/resources/specs/process"));

  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);
  private static final long LINT_TIMEOUT_S = 120;

  @Test
  void compiledBpmnPassesCamundaModelerLint() throws Exception {
    requireNodeAndNpm();
    List<Path> compiled = compileAll();
    assertThat(compiled).as("compiled specs").isNotEmpty();
    LINTER.installIfNeeded();

    List<String> command = new ArrayList<>(List.of("node", "lint.mjs"));
    for (Path p : compiled) {
      command.add(p.toAbsolutePath().toString());
    }
    NodeProject.Result lint = LINTER.run(command, Map.of(), LINT_TIMEOUT_S);
    System.out.println("[lint] " + String.join(" ", command.subList(0, 2)) + " "
        + compiled.size() + " file(s) in " + OUT + " -> exit " + lint.exit() + "\n" + lint.output());
    if (lint.exit() != 0) {
      fail("bpmnlint reported errors in the compiled BPMN (exit " + lint.exit() + "):\n"
          + lint.output());
    }
  }

  /** Compiles every spec into target/lint/&lt;slug&gt;.bpmn; returns the files, sorted. */
  static List<Path> compileAll() throws IOException {
    Files.createDirectories(OUT);
    try (Stream<Path> old = Files.list(OUT)) {
      for (Path p : old.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Files.delete(p);
      }
    }
    List<Path> out = new ArrayList<>();
    for (Path dir : SPEC_DIRS) {
      List<Path> specs;
      try (Stream<Path> files = Files.list(dir)) {
        specs = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      }
      for (Path spec : specs) {
        String slug = spec.getFileName().toString().replaceFirst("\\.json$", "");
        String xml = new BpmnCompiler()
            .compile(slug, READER.read(Files.readString(spec)).orThrow()).bpmnXml();
        Path target = OUT.resolve(slug + ".bpmn");
        if (out.contains(target)) {
          fail("two specs compile to " + target + ": rename one of them (" + spec + ")");
        }
        Files.writeString(target, xml, StandardCharsets.UTF_8);
        out.add(target);
      }
    }
    return out;
  }

  /** Skips the test without node and npm, or fails it on CI. */
  private static void requireNodeAndNpm() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("node", "npm")) {
      if (!NodeProject.onPath(tool)) {
        missing.add(tool);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String reason = "node and npm are needed to lint BPMN (src/test/lint); not on the PATH: "
        + String.join(", ", missing);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + " (CI=true: lint must run on CI)");
    }
    Assumptions.abort(reason);
  }
}
