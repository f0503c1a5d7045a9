package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton prompts list|show|put}: the prompt templates of your tenants and the shared
 * ones, their versions, and writing a new version from a file.
 */
@Command(name = "prompts", description = "Prompt templates (stored, versioned).",
    subcommands = {PromptsCommand.List.class, PromptsCommand.Show.class,
        PromptsCommand.Put.class})
public final class PromptsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "Templates with their latest version.")
  static final class List extends RemoteCommand {
    @Override
    int run(ApiClient api) {
      JsonNode prompts = api.get("/api/prompts");
      if (json) {
        return printJson(api, prompts);
      }
      Table table = new Table("PROMPT", "VERSION", "SOURCE", "UPDATED", "TENANT");
      for (JsonNode p : prompts) {
        table.row(p.path("name").asText(), p.path("latest_version").asText(),
            p.path("source").asText(), p.path("updated_at").asText(),
            p.hasNonNull("tenant_id") ? p.path("tenant_id").asText() : "shared");
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "A template's latest text and its versions, or the "
      + "text of one version.")
  static final class Show extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "PROMPT", description = "template name")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION",
        description = "a version number: print only its text")
    Integer version;

    @Override
    int run(ApiClient api) {
      if (version != null) {
        JsonNode v = api.get("/api/prompts/" + Paths.segment(name) + "/versions/" + version);
        if (json) {
          return printJson(api, v);
        }
        out().print(v.path("text").asText());
        out().flush();
        return ExitCode.OK;
      }
      JsonNode p = api.get("/api/prompts/" + Paths.segment(name));
      if (json) {
        return printJson(api, p);
      }
      out().println(p.path("text").asText());
      Table table = new Table("VERSION", "SOURCE", "BY", "CREATED");
      for (JsonNode v : p.path("versions")) {
        table.row(v.path("version").asText(), v.path("source").asText(),
            v.path("created_by").asText(null), v.path("created_at").asText());
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "put", description = "Write a file's text as the template's next version "
      + "(nothing is written when it equals the latest). Workflows deployed earlier keep "
      + "their version until deployed again.")
  static final class Put extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "PROMPT", description = "template name")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "the template's text "
        + "(Markdown with {{input.x}} and {{node.output}} placeholders)")
    Path file;

    @Option(names = "--tenant", description = "tenant of a new template, for a user of several")
    String tenant;

    @Override
    int run(ApiClient api) {
      ObjectNode body = api.json().createObjectNode().put("text", SpecFiles.read(file));
      if (tenant != null) {
        body.put("tenant_id", tenant);
      }
      JsonNode written = api.put("/api/prompts/" + Paths.segment(name), body);
      if (json) {
        return printJson(api, written);
      }
      out().printf("%s: %s%n", written.path("name").asText(),
          written.path("changed").asBoolean() ? "version " + written.path("version").asInt()
              + " written" : "unchanged (version " + written.path("version").asInt() + ")");
      out().flush();
      return ExitCode.OK;
    }
  }
}
