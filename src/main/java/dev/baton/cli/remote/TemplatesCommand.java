package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code baton templates list|show}: the workflow templates a server ships; {@code baton
 * workflows from-template} creates a workflow from one.
 */
@Command(name = "templates", description = "Workflow templates.",
    subcommands = {TemplatesCommand.List.class, TemplatesCommand.Show.class})
public final class TemplatesCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "The templates and what they are for.")
  static final class List extends RemoteCommand {
    @Override
    int run(ApiClient api) {
      JsonNode templates = api.get("/api/templates");
      if (json) {
        return printJson(api, templates);
      }
      Table table = new Table("TEMPLATE", "TITLE", "PARAMETERS", "DESCRIPTION");
      for (JsonNode t : templates) {
        java.util.List<String> names = new java.util.ArrayList<>();
        t.path("parameters").forEach(p -> names.add(p.path("name").asText()));
        table.row(t.path("id").asText(), t.path("title").asText(), String.join(", ", names),
            t.path("description").asText(null));
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "A template's parameters (--json: also its spec).")
  static final class Show extends RemoteCommand {
    @Parameters(paramLabel = "TEMPLATE", description = "template id")
    String id;

    @Override
    int run(ApiClient api) {
      JsonNode t = api.get("/api/templates/" + Paths.segment(id));
      if (json) {
        return printJson(api, t);
      }
      out().println(t.path("id").asText() + ": " + t.path("title").asText());
      out().println(t.path("description").asText(""));
      Table table = new Table("PARAMETER", "TYPE", "REQUIRED", "DEFAULT", "ALLOWED", "MEANING");
      for (JsonNode p : t.path("parameters")) {
        table.row(p.path("name").asText(), p.path("type").asText(),
            p.path("required").asBoolean() ? "yes" : "no",
            p.hasNonNull("default_value") ? p.path("default_value").toString() : null,
            p.hasNonNull("allowed") ? p.path("allowed").toString() : null,
            p.path("description").asText(null));
      }
      table.print(out());
      return ExitCode.OK;
    }
  }
}
