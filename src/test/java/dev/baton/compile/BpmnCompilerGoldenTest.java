package dev.baton.compile;

import static org.assertj.core.api.Assertions.fail;

import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles every sample spec (processes/*.json) and compares the BPMN byte for byte with
 * src/test/resources/golden/&lt;slug&gt;.bpmn. Any change to the compiler's output shows up here
 * as a diff to review; after an intended change, regenerate the files with {@code
 * -Dbaton.golden.update=true} and commit them.
 */
class BpmnCompilerGoldenTest {

  static final String UPDATE_PROPERTY = "baton.golden.update";
  static final Path SAMPLES = Path.of("processes");
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static final SpecReader READER = new SpecReader(AgentTypes.BUILT_IN);

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void compiledBpmnMatchesGoldenFile(Path specFile) throws IOException {
    String slug = specFile.getFileName().toString().replaceFirst("\\.json$", "");
    String text = Files.readString(specFile);
    // as deployed: the process names the spec it was compiled from
    String xml = new BpmnCompiler().compile(slug, null, null, READER.read(text).orThrow(),
        java.util.Map.of(), dev.baton.contract.SpecSource.of(slug, text)).bpmnXml();
    byte[] actual = xml.getBytes(StandardCharsets.UTF_8);
    Path golden = GOLDEN.resolve(slug + ".bpmn");

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(GOLDEN);
      boolean changed = !Files.exists(golden) || !Arrays.equals(Files.readAllBytes(golden), actual);
      Files.write(golden, actual);
      System.out.println("[golden] " + (changed ? "wrote " : "unchanged ") + golden
          + " (" + UPDATE_PROPERTY + "=true)");
      return;
    }
    if (!Files.exists(golden)) {
      fail("no golden file " + golden + " for " + specFile + ": create it with "
          + updateHint());
    }
    byte[] expected = Files.readAllBytes(golden);
    if (!Arrays.equals(expected, actual)) {
      fail("compiled " + specFile + " differs from " + golden + "\n"
          + firstDifference(new String(expected, StandardCharsets.UTF_8), xml)
          + "\nIf the change is intended, regenerate the golden files with " + updateHint()
          + " and review the diff before committing them.");
    }
  }

  private static String updateHint() {
    return "./mvnw test -Dtest=BpmnCompilerGoldenTest -D" + UPDATE_PROPERTY + "=true";
  }

  /** The first line where two texts differ, with its number, both ways. */
  static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return "first difference at line " + (i + 1) + ":\n  expected: " + el.strip()
            + "\n  actual:   " + al.strip();
      }
    }
    return "the texts differ only in their bytes (encoding or line endings?)";
  }
}
