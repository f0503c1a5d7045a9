package dev.baton.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree as picocli builds it: seed 000's spellings and the help texts. */
class CommandTreeTest {

  private final CommandLine baton = new CommandLine(new BatonCommand());

  @Test
  void hasTheSeedsCommands() {
    assertThat(baton.getSubcommands()).containsKeys("workflows", "runs", "approvals", "agents",
        "budgets", "cost", "status", "validate", "compile", "traces");
    assertThat(baton.getSubcommands().get("traces").getSubcommands()).containsOnlyKeys("show");
    assertThat(baton.getSubcommands().get("workflows").getSubcommands())
        .containsKeys("list", "show", "deploy", "validate", "bpmn", "runs");
    assertThat(baton.getSubcommands().get("workflows").getSubcommands().get("runs")
        .getSubcommands()).containsKeys("start", "show", "watch", "abort", "retry", "list");
    assertThat(baton.getSubcommands().get("agents").getSubcommands())
        .containsKeys("list", "status", "show");
    CommandLine budgets = baton.getSubcommands().get("budgets");
    assertThat(budgets.getSubcommands()).containsOnlyKeys("status");
    assertThat(budgets.getSubcommands().get("status").getSubcommands()).isEmpty();
    assertThat(baton.getSubcommands().get("bundles").getSubcommands())
        .containsOnlyKeys("install", "list", "show", "approve", "reject", "test", "uninstall");
    assertThat(BatonCommand.COMMANDS).containsAll(baton.getSubcommands().keySet());
  }

  @Test
  void helpSaysWhereCredentialsComeFrom() {
    StringWriter out = new StringWriter();
    int code = baton.setOut(new PrintWriter(out)).execute("runs", "start", "--help");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("--input").contains("BATON_PASSWORD")
        .doesNotContain("--password");
  }

  @Test
  void tracesShowTakesSeedZeroSpelling() {
    StringWriter err = new StringWriter();
    // picocli refuses a format it does not know before any server is called
    assertThat(baton.setErr(new PrintWriter(err))
        .execute("traces", "show", "4bf92f3577b34da6a3ce929d0e0e4736", "--format", "yaml"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--format").contains("table").contains("json");
  }

  @Test
  void aMalformedCommandLineIsExitCodeTwo() {
    StringWriter err = new StringWriter();
    assertThat(baton.setErr(new PrintWriter(err)).execute("runs", "start")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter");
  }
}
