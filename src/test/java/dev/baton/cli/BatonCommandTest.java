package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BatonCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new BatonCommand()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void compileWritesTheBpmnOfASpec(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("diamond.bpmn");
    assertThat(run("compile", "processes/diamond.json", "-o", target.toString())).isZero();
    assertThat(Files.readString(target)).contains("<process ").contains("id=\"diamond\"");
    assertThat(out.toString()).contains("process diamond");
  }

  @Test
  void validateListsProblemsAndFails(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad.json");
    Files.writeString(spec, "{\"metadata\":{\"name\":\"x\"},\"nodes\":[{\"id\":\"a\","
        + "\"type\":\"agent_task\",\"agent_type\":\"planr\"}]}");
    assertThat(run("validate", spec.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("error $.nodes[0].agent_type")
        .contains("did you mean 'planner'?");
    assertThat(run("compile", spec.toString())).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("bad.bpmn"))).isFalse();
  }

  @Test
  void validateAppliesTheGovernancePolicyOfTheInstallation(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("costly.json");
    Files.writeString(spec, "{\"metadata\":{\"name\":\"x\",\"sla_ms\":60000},\"nodes\":["
        + "{\"id\":\"a\",\"type\":\"agent_task\",\"agent_type\":\"cost\"}]}");
    System.setProperty("baton.governance.policy-file",
        "src/test/resources/governance/strict-policy.yml");
    try {
      assertThat(run("validate", spec.toString())).isEqualTo(1);
      assertThat(err.toString()).contains("error $.nodes[0].agent_type")
          .contains("agents.allowed_types");
      System.setProperty("baton.governance.policy-file", dir.resolve("none.yml").toString());
      assertThat(BatonCommand.run("validate", spec.toString())).isEqualTo(2);
    } finally {
      System.clearProperty("baton.governance.policy-file");
    }
  }

  @Test
  void validateAcceptsTheSamples() {
    assertThat(run("validate", "processes/full-development-cycle.json",
        "processes/critic-loop.json")).isZero();
    assertThat(out.toString()).contains("full-development-cycle.json: valid");
  }

  /**
   * The CLI runs the platform's checks: long-report's worst case above its budget is the same
   * warning, word for word, that deploying it reports (the CLI said "0 warning(s)").
   */
  @Test
  void validateReportsWhatDeployingReports() throws Exception {
    assertThat(run("validate", "processes/long-report.json")).isZero();
    dev.baton.workflow.SpecChecks.Report deploy = Installation.checks().check(
        Files.readString(Path.of("processes/long-report.json")), Installation::agents);
    assertThat(deploy.warnings()).isNotEmpty();
    for (dev.baton.spec.SpecProblem w : deploy.warnings()) {
      assertThat(err.toString()).contains("processes/long-report.json: warning " + w.path()
          + ": " + w.message());
    }
    assertThat(err.toString()).contains("$.metadata.budget_usd");
    assertThat(out.toString()).contains("long-report.json: valid (" + deploy.warnings().size()
        + " warning(s))");
  }

  @Test
  void validateFindsAnUnknownModelTogetherWithTheOtherErrors(@TempDir Path dir)
      throws Exception {
    Path spec = dir.resolve("two.json");
    Files.writeString(spec, "{\"metadata\":{\"name\":\"x\"},\"nodes\":[{\"id\":\"a\","
        + "\"type\":\"agent_task\",\"agent_type\":\"planr\",\"config\":{\"model\":"
        + "\"gpt-5-turbo\"}}]}");
    assertThat(run("validate", spec.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("error $.nodes[0].agent_type")
        .contains("error $.nodes[0].config.model: unknown model 'gpt-5-turbo'");
  }
}
