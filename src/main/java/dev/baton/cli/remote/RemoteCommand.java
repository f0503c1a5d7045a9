package dev.baton.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that calls a Baton server: resolves who calls where ({@link ServerSettings}),
 * runs, and turns a refusal into its problem's words on stderr and an {@link ExitCode}.
 * Tables for people by default, the API's JSON with {@code --json}.
 */
abstract class RemoteCommand implements Callable<Integer> {

  @Option(names = "--server", paramLabel = "URL",
      description = "Baton server (default: $BATON_URL, the config file, http://localhost:8080)")
  String server;

  @Option(names = "--user", paramLabel = "USER",
      description = "Camunda user (default: $BATON_USER, the config file); the password comes "
          + "from $BATON_PASSWORD or the config file only")
  String user;

  @Option(names = "--config", paramLabel = "FILE",
      description = "config file with server=, user=, password= "
          + "(default: $BATON_CONFIG, ~/.config/baton/cli.properties)")
  Path config;

  @Option(names = "--json", description = "print the API's JSON instead of a table")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() {
    try {
      ServerSettings settings = ServerSettings.resolve(server, user, config, System::getenv);
      if (settings.warning() != null) {
        err().println("warning: " + settings.warning());
      }
      return run(settings.client());
    } catch (ApiException e) {
      err().println("error: " + e.getMessage());
      Problems.print(e.problem(), err());
      err().flush();
      return e.exitCode();
    }
  }

  /** Does the command's work; returns its {@link ExitCode}. */
  abstract int run(ApiClient api);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A deployment's reply: the version, its warnings and what a run may cost. */
  int printDeployed(ApiClient api, JsonNode deployed) {
    if (json) {
      return printJson(api, deployed);
    }
    out().printf("%s: deployed as v%d%s%n", deployed.path("id").asText(),
        deployed.path("deployment_version").asInt(),
        deployed.path("changed").asBoolean() ? "" : " (unchanged: no new version)");
    Problems.list(deployed.path("warnings"), out());
    JsonNode estimate = deployed.path("estimate");
    if (estimate.has("worst_case_usd")) {
      out().printf("a run costs at most %s (at least %s)%n",
          Dollars.of(estimate.path("worst_case_usd")), Dollars.of(estimate.path("minimum_usd")));
    }
    out().flush();
    return ExitCode.OK;
  }

  /** The API's JSON, indented, for {@code --json}. */
  int printJson(ApiClient api, JsonNode node) {
    try {
      out().println(api.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
      out().flush();
      return ExitCode.OK;
    } catch (JsonProcessingException e) {
      throw new ApiException("cannot print the reply: " + e.getMessage(), ExitCode.UNAVAILABLE,
          null);
    }
  }
}
