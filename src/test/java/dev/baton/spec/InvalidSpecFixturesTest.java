package dev.baton.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code specs/invalid/<name>.json} next to a {@code <name>.expected} listing, one per
 * line, {@code SEVERITY path: message substring}. Every listed problem must be reported, and no
 * ERROR that is not listed; unlisted warnings are tolerated. A fixture with only warnings shows
 * that they do not stop a spec. Blank lines and {@code #} comments
 * are ignored.
 */
class InvalidSpecFixturesTest {

  static final Path DIR = Path.of("src/test/resources/specs/invalid");
  private static final Pattern LINE = Pattern.compile("(ERROR|WARNING) (\\$\\S*): (.+)");

  private final SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  record Expected(SpecProblem.Severity severity, String path, String text) {
    boolean matches(SpecProblem problem) {
      return problem.severity() == severity
          && problem.path().equals(path)
          && problem.message().contains(text);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsExactlyTheExpectedProblems(String fixture) throws IOException {
    Path expectedFile = DIR.resolve(fixture.replaceAll("\\.json$", ".expected"));
    assertThat(expectedFile).as("expectations for " + fixture).exists();
    List<Expected> expected = parse(Files.readAllLines(expectedFile));
    assertThat(expected).as("expectations for " + fixture).isNotEmpty();

    SpecReport report = reader.read(Files.readString(DIR.resolve(fixture)));
    String actual =
        String.join("\n", report.problems().stream().map(SpecProblem::toString).toList());

    for (Expected e : expected) {
      assertThat(report.problems().stream().anyMatch(e::matches))
          .as("%s should report %s; it reported:%n%s", fixture, e, actual)
          .isTrue();
    }
    for (SpecProblem error : report.errors()) {
      assertThat(expected.stream().anyMatch(e -> e.matches(error)))
          .as("%s reported an unexpected %s; all problems:%n%s", fixture, error, actual)
          .isTrue();
    }
    assertThat(report.spec() == null)
        .as("a spec is bound exactly when there is no error")
        .isEqualTo(!report.errors().isEmpty());
  }

  private static List<Expected> parse(List<String> lines) {
    return lines.stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(
            l -> {
              Matcher m = LINE.matcher(l);
              if (!m.matches()) {
                throw new IllegalArgumentException("bad expectation line: " + l);
              }
              return new Expected(SpecProblem.Severity.valueOf(m.group(1)), m.group(2), m.group(3));
            })
        .toList();
  }
}
