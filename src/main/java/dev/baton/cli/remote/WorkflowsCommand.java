package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton workflows list|show|deploy|validate|bpmn}: workflows on a server; also
 * {@code baton workflows runs …}, seed 000's spelling of {@code baton runs …}.
 */
@Command(name = "workflows", description = "Deployed workflows on a Baton server.",
    subcommands = {WorkflowsCommand.List.class, WorkflowsCommand.Show.class,
        WorkflowsCommand.Deploy.class, WorkflowsCommand.Validate.class,
        WorkflowsCommand.Bpmn.class, WorkflowsCommand.FromTemplate.class, RunsCommand.class})
public final class WorkflowsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "The latest version of each workflow you may read.")
  static final class List extends RemoteCommand {
    @Override
    int run(ApiClient api) {
      JsonNode workflows = api.get("/api/workflows");
      if (json) {
        return printJson(api, workflows);
      }
      Table table = new Table("ID", "TITLE", "VERSION", "DEPLOYED", "TENANT", "DEPLOYED AT");
      for (JsonNode w : workflows) {
        table.row(w.path("id").asText(), w.path("title").asText(null),
            w.path("version").asText(null), "v" + w.path("deployment_version").asInt(),
            w.path("tenant_id").asText(null), w.path("deployed_at").asText(null));
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "A workflow: its versions' facts and its nodes.")
  static final class Show extends RemoteCommand {
    @Parameters(paramLabel = "WORKFLOW", description = "workflow id (slug)")
    String id;

    @Override
    int run(ApiClient api) {
      JsonNode w = api.get("/api/workflows/" + Paths.segment(id));
      if (json) {
        return printJson(api, w);
      }
      out().printf("%s: %s (version %s, deployed v%d at %s, tenant %s)%n", w.path("id").asText(),
          w.path("title").asText(), w.path("version").asText("-"),
          w.path("deployment_version").asInt(), w.path("deployed_at").asText(),
          w.path("tenant_id").asText("-"));
      JsonNode spec = w.path("spec");
      if (spec.isMissingNode() || spec.isNull()) {
        out().println("no spec: hand-written BPMN (baton workflows bpmn " + id + ")");
        out().flush();
        return ExitCode.OK;
      }
      Table nodes = new Table("NODE", "TYPE", "AGENT TYPE", "NAME", "AFTER");
      for (JsonNode n : spec.path("nodes")) {
        nodes.row(n.path("id").asText(), n.path("type").asText(), n.path("agent_type").asText(null),
            n.path("name").asText(null), join(n.path("dependencies")));
      }
      nodes.print(out());
      return ExitCode.OK;
    }

    private static String join(JsonNode array) {
      java.util.List<String> values = new java.util.ArrayList<>();
      array.forEach(v -> values.add(v.asText()));
      return values.isEmpty() ? null : String.join(", ", values);
    }
  }

  @Command(name = "deploy", description = "Check, compile and deploy a spec file "
      + "(every problem listed at once; exit code 1 when the spec is invalid).")
  static final class Deploy extends RemoteCommand {
    @Parameters(paramLabel = "SPEC", description = "spec file (JSON), or a BPMN file (.bpmn) "
        + "edited in Camunda Modeler, deployed back as the workflow its process id names")
    Path file;

    @Option(names = "--slug", description = "workflow id (default: the file's name)")
    String slug;

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @Override
    int run(ApiClient api) {
      if (file.getFileName().toString().endsWith(".bpmn")) {
        return deployBpmn(api);
      }
      ObjectNode body = deployment.addTo(api.json().createObjectNode()
          .put("slug", slug != null ? slug : SpecFiles.slugOf(file)))
          // as text, so the server reports malformed JSON with its line and column
          .put("spec", SpecFiles.read(file));
      return printDeployed(api, api.post("/api/workflows", body));
    }

    /** An analyst's BPMN: the process id names the workflow; the edits taken are listed. */
    private int deployBpmn(ApiClient api) {
      if (slug != null || deployment.title != null || deployment.version != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "a BPMN file names its "
            + "workflow (process id), title and version itself: drop --slug, --title, --version");
      }
      byte[] xml;
      try {
        xml = java.nio.file.Files.readAllBytes(file);
      } catch (java.io.IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file
            + ": " + e.getMessage());
      }
      String query = deployment.tenant == null ? ""
          : "?tenant_id=" + java.net.URLEncoder.encode(deployment.tenant,
              java.nio.charset.StandardCharsets.UTF_8);
      JsonNode deployed = api.postBytes("/api/workflows" + query, "application/xml", xml);
      if (!json) {
        JsonNode edits = deployed.path("edits");
        for (JsonNode applied : edits.path("applied")) {
          out().println("applied  " + applied.path("element_id").asText() + ": "
              + applied.path("change").asText());
        }
        for (JsonNode ignored : edits.path("ignored")) {
          out().println("ignored  " + ignored.path("element_id").asText() + ": "
              + ignored.path("change").asText());
        }
      }
      return printDeployed(api, deployed);
    }
  }

  @Command(name = "from-template", description = "Create a workflow from a template "
      + "(baton templates list), with its parameters; checked like a spec.")
  static final class FromTemplate extends RemoteCommand {
    @Parameters(paramLabel = "TEMPLATE", description = "template id")
    String template;

    @Option(names = "--slug", required = true, description = "the new workflow's id")
    String slug;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "a parameter; "
        + "VALUE is read as JSON when it is (3, true, [\"a\"]), else as text")
    java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @Override
    int run(ApiClient api) {
      ObjectNode values = api.json().createObjectNode();
      parameters.forEach((name, value) -> values.set(name, value(api, value)));
      ObjectNode body = deployment.addTo(api.json().createObjectNode()
          .put("template_id", template).put("slug", slug));
      body.set("parameters", values);
      return printDeployed(api, api.post("/api/workflows/from-template", body));
    }

    private static JsonNode value(ApiClient api, String text) {
      try {
        return api.json().readTree(text);
      } catch (IOException e) {
        return api.json().getNodeFactory().textNode(text);
      }
    }
  }

  @Command(name = "validate", description = "Check a spec file on the server, with its "
      + "agents, models, keys and budgets, without deploying it (exit code 1 when invalid).")
  static final class Validate extends RemoteCommand {
    @Parameters(paramLabel = "SPEC", description = "spec file (JSON)")
    Path file;

    @Option(names = "--tenant", description = "tenant to check against, for a user of several")
    String tenant;

    @Override
    int run(ApiClient api) {
      JsonNode report = api.post(tenant == null ? "/api/workflows/validate"
          : "/api/workflows/validate?tenant_id=" + Paths.segment(tenant),
          api.json().getNodeFactory().textNode(SpecFiles.read(file)));
      if (json) {
        printJson(api, report);
      } else {
        Problems.list(report.path("errors"), out());
        Problems.list(report.path("warnings"), out());
        out().printf("%s: %s (%d error(s), %d warning(s))%n", file,
            report.path("valid").asBoolean() ? "valid" : "invalid", report.path("errors").size(),
            report.path("warnings").size());
        out().flush();
      }
      return report.path("valid").asBoolean() ? ExitCode.OK : ExitCode.FAILED;
    }
  }

  @Command(name = "bpmn", description = "The deployed BPMN, to open in Camunda Modeler.")
  static final class Bpmn extends RemoteCommand {
    @Parameters(paramLabel = "WORKFLOW", description = "workflow id (slug)")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "write it to this file instead of standard output")
    Path output;

    @Override
    int run(ApiClient api) {
      String xml = api.getText("/api/workflows/" + Paths.segment(id) + "/bpmn");
      if (output == null) {
        out().print(xml);
        out().flush();
        return ExitCode.OK;
      }
      try {
        Files.writeString(output, xml);
      } catch (IOException e) {
        throw new ApiException("cannot write " + output + ": " + e.getMessage(), ExitCode.USAGE,
            null);
      }
      out().println("wrote " + output);
      out().flush();
      return ExitCode.OK;
    }
  }
}
