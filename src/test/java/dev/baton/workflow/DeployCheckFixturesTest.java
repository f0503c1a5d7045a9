package dev.baton.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.registry.DefaultAgents;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specs that are valid on their own but cannot be deployed on a fresh installation (the shipped
 * default agents, the prompts in processes/prompts/): {@code specs/deploy-invalid/<name>.json}
 * with {@code <name>.expected} as in {@code specs/invalid}. Every listed problem must be
 * reported, and no unlisted error.
 */
class DeployCheckFixturesTest {

  static final Path DIR = Path.of("src/test/resources/specs/deploy-invalid");
  static final Path PROMPTS = Path.of("processes/prompts");
  private static final Pattern LINE = Pattern.compile("(ERROR|WARNING) (\\$\\S*): (.+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsExactlyTheExpectedProblems(String fixture) throws IOException {
    String text = Files.readString(DIR.resolve(fixture));
    SpecReport report = reader.read(text);
    assertThat(report.errors()).as("the spec itself is valid").isEmpty();
    List<SpecProblem> problems = DeployChecks.check(report.spec(), JSON.readTree(text),
        DefaultAgents.profiles(), PROMPTS).problems();
    String actual = String.join("\n", problems.stream().map(SpecProblem::toString).toList());
    List<String[]> expected = Files.readAllLines(DIR.resolve(fixture.replace(".json",
        ".expected"))).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> {
          Matcher m = LINE.matcher(l);
          assertThat(m.matches()).as("expectation line: " + l).isTrue();
          return new String[] {m.group(1), m.group(2), m.group(3)};
        }).toList();
    assertThat(expected).isNotEmpty();
    for (String[] e : expected) {
      assertThat(problems).as("%s should report %s %s: %s; it reported:%n%s", fixture, e[0],
              e[1], e[2], actual)
          .anyMatch(p -> p.severity().name().equals(e[0]) && p.path().equals(e[1])
              && p.message().contains(e[2]));
    }
    for (SpecProblem p : problems) {
      if (p.isError()) {
        assertThat(expected).as("%s reported an unexpected %s", fixture, p)
            .anyMatch(e -> e[0].equals("ERROR") && e[1].equals(p.path())
                && p.message().contains(e[2]));
      }
    }
    problems.forEach(p -> assertThat(p.hint()).as("every problem has a hint: " + p).isNotBlank());
  }

  @Test
  void everySampleDeploysOnAFreshInstallation() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        String text = Files.readString(file);
        SpecReport report = reader.read(text);
        DeployChecks.Bound bound = DeployChecks.check(report.orThrow(), JSON.readTree(text),
            DefaultAgents.profiles(), PROMPTS);
        assertThat(bound.errors()).as(file.toString()).isEmpty();
        assertThat(bound.agents()).as(file + ": every agent task has an agent").hasSize(
            (int) report.spec().nodes().stream()
                .filter(n -> n.type() == dev.baton.spec.NodeType.AGENT_TASK).count());
      }
    }
  }

  @Test
  void aNodeWhoseAgentIsChosenByCapabilitiesKeepsItsDescription() throws IOException {
    String text = """
        {"metadata": {"name": "described"},
         "nodes": [{"id": "plan", "type": "agent_task", "description": "Plans the work",
                    "config": {"capabilities": ["planning"]}}]}""";
    DeployChecks.Bound bound = DeployChecks.check(reader.read(text).orThrow(),
        JSON.readTree(text), DefaultAgents.profiles(), PROMPTS);
    assertThat(bound.errors()).isEmpty();
    // the matched agent's type is filled in; the description (the task's <documentation>) stays
    assertThat(bound.spec().nodes().get(0).agentType()).isNotBlank();
    assertThat(bound.spec().nodes().get(0).description()).isEqualTo("Plans the work");
    assertThat(bound.estimated().nodes().get(0).description()).isEqualTo("Plans the work");
  }
}
