package dev.baton.cli;

import dev.baton.cli.remote.AgentsCommand;
import dev.baton.cli.remote.ApprovalsCommand;
import dev.baton.cli.remote.BudgetsCommand;
import dev.baton.cli.remote.BundlesCommand;
import dev.baton.cli.remote.CostCommand;
import dev.baton.cli.remote.PromptsCommand;
import dev.baton.cli.remote.RunsCommand;
import dev.baton.cli.remote.StatusCommand;
import dev.baton.cli.remote.TemplatesCommand;
import dev.baton.cli.remote.TracesCommand;
import dev.baton.cli.remote.WorkflowsCommand;
import dev.baton.governance.InvalidPolicyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar baton.jar <command>}: the top of the command line. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = BatonCommand.Version.class,
    description = {"Baton: JSON DAG workflow specs compiled to BPMN for Camunda 7.",
        "validate and compile work on files, offline; the other commands call a Baton server "
            + "(BATON_URL, BATON_USER, BATON_PASSWORD or ~/.config/baton/cli.properties)."},
    subcommands = {ValidateCommand.class, CompileCommand.class, WorkflowsCommand.class,
        RunsCommand.class, ApprovalsCommand.class, AgentsCommand.class, BudgetsCommand.class,
        CostCommand.class, StatusCommand.class, TemplatesCommand.class, PromptsCommand.class,
        TracesCommand.class, BundlesCommand.class, CommandLine.HelpCommand.class})
public final class BatonCommand implements Runnable {

  /** The sub-commands; any other first argument starts the platform. */
  public static final java.util.Set<String> COMMANDS = java.util.Set.of("validate", "compile",
      "workflows", "runs", "approvals", "agents", "budgets", "cost", "status", "templates",
      "prompts", "traces", "bundles", "help", "--help",
      "-h", "--version", "-V");

  public static int run(String... args) {
    return new CommandLine(new BatonCommand())
        .setExecutionExceptionHandler((e, command, parsed) -> {
          if (e instanceof InvalidPolicyException policy) {
            // the installation's own policy file is broken: say so, as the platform would
            command.getErr().println("error: " + policy.getMessage());
            return 2;
          }
          throw e;
        }).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = BatonCommand.class.getPackage().getImplementationVersion();
      return new String[] {"baton " + (version == null ? "dev" : version)};
    }
  }
}
