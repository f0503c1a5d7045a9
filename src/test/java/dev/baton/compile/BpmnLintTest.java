package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  static final Path OUT = Path.of("target/lint");
  static final List<Path> SPEC_DIRS =
      List.of(Path.of("processes"), Path.of("src/test/resources/specs/process"));

  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);
  private static final long NPM_CI_TIMEOUT_S = 300;
  private static final long LINT_TIMEOUT_S = 120;

  @Test
  void compiledBpmnPassesCamundaModelerLint() throws Exception {
    requireNodeAndNpm();
    List<Path> compiled = compileAll();
    assertThat(compiled).as("compiled specs").isNotEmpty();
    installLinterIfNeeded();

    List<String> command = new ArrayList<>(List.of("node", "lint.mjs"));
    for (Path p : compiled) {
      command.add(p.toAbsolutePath().toString());
    }
    Result lint = run(command, LINT_TIMEOUT_S);
    System.out.println("[lint] " + String.join(" ", command.subList(0, 2)) + " "
        + compiled.size() + " file(s) in " + OUT + " -> exit " + lint.exit + "\n" + lint.output);
    if (lint.exit != 0) {
      fail("bpmnlint reported errors in the compiled BPMN (exit " + lint.exit + "):\n"
          + lint.output);
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
      if (!onPath(tool)) {
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

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** {@code npm ci} when node_modules is missing or older than package-lock.json. */
  private static void installLinterIfNeeded() throws Exception {
    Path modules = LINT_PROJECT.resolve("node_modules");
    Path lock = LINT_PROJECT.resolve("package-lock.json");
    // npm rewrites node_modules/.package-lock.json on every install: its time is the install's
    Path marker = modules.resolve(".package-lock.json");
    Path installed = Files.exists(marker) ? marker : modules;
    if (Files.isDirectory(modules) && modifiedAt(installed).compareTo(modifiedAt(lock)) >= 0) {
      return;
    }
    System.out.println("[lint] npm ci --no-audit --no-fund in " + LINT_PROJECT
        + (Files.isDirectory(modules) ? " (node_modules older than package-lock.json)"
            : " (no node_modules)"));
    Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), NPM_CI_TIMEOUT_S);
    if (ci.exit != 0) {
      fail("npm ci in " + LINT_PROJECT + " failed (exit " + ci.exit + "):\n" + ci.output);
    }
  }

  private static FileTime modifiedAt(Path p) throws IOException {
    return Files.getLastModifiedTime(p);
  }

  private record Result(int exit, String output) {}

  /** Runs a command in src/test/lint, output and error merged, killed after the timeout. */
  private static Result run(List<String> command, long timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("baton-lint", ".log");
    try {
      Process p = new ProcessBuilder(command)
          .directory(LINT_PROJECT.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail(String.join(" ", command) + " in " + LINT_PROJECT + " did not finish in "
            + timeoutSeconds + " s:\n" + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
