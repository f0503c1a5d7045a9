package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.bundle.BundleDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton bundles install|list|show|approve|reject|test}: agent bundles (docs/bundles.md).
 * {@code install} zips a directory (or sends a zip) for scanning; an operator other than the
 * submitter approves it.
 */
@Command(name = "bundles", description = "Agent bundles: submit, review, test, approve.",
    subcommands = {BundlesCommand.Install.class, BundlesCommand.List.class,
        BundlesCommand.Show.class, BundlesCommand.Approve.class, BundlesCommand.Reject.class,
        BundlesCommand.Test.class, BundlesCommand.Uninstall.class})
public final class BundlesCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "install", description = "Submit a bundle (a directory, zipped on the way, "
      + "or a .zip) for scanning; it waits as pending until an operator approves it.")
  static final class Install extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "DIR|ZIP", description = "bundle directory or zip")
    Path source;

    @Option(names = "--tenant", description = "tenant of the bundle, for a user of several")
    String tenant;

    @Override
    int run(ApiClient api) {
      byte[] zip;
      try {
        zip = Files.isDirectory(source) ? BundleDirectory.zip(source) : Files.readAllBytes(source);
      } catch (IOException | RuntimeException e) {
        throw new ApiException("cannot read " + source + ": " + e.getMessage(), ExitCode.USAGE,
            null);
      }
      String path = "/api/bundles" + (tenant == null ? "" : "?tenant_id="
          + java.net.URLEncoder.encode(tenant, java.nio.charset.StandardCharsets.UTF_8));
      JsonNode bundle = api.postBytes(path, "application/zip", zip);
      if (json) {
        return printJson(api, bundle);
      }
      out().printf("bundle %s: %s %s submitted, %s; an operator other than you approves it "
              + "(baton bundles approve %s)%n", bundle.path("id").asText(),
          bundle.path("name").asText(), bundle.path("version").asText(),
          bundle.path("state").asText(), bundle.path("id").asText());
      Problems.list(bundle.at("/scan_report/warnings"), out());
      out().flush();
      return ExitCode.OK;
    }
  }

  @Command(name = "list", description = "Bundles of your tenants, newest first.")
  static final class List extends RemoteCommand {
    @Override
    int run(ApiClient api) {
      JsonNode bundles = api.get("/api/bundles");
      if (json) {
        return printJson(api, bundles);
      }
      Table table = new Table("ID", "NAME", "VERSION", "STATE", "TESTS", "WARNINGS", "BY",
          "DECIDED BY", "TENANT");
      for (JsonNode b : bundles) {
        table.row(b.path("id").asText(), b.path("name").asText(), b.path("version").asText(),
            b.path("state").asText(), b.path("tests").asText(), b.path("warnings").asInt(),
            b.path("submitted_by").asText(), b.path("decided_by").asText(""),
            b.path("tenant_id").asText());
      }
      if (table.isEmpty()) {
        out().println("no bundles");
        out().flush();
        return ExitCode.OK;
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "A bundle's manifest, state, scan and test reports.")
  static final class Show extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "bundle id (baton bundles list)")
    String id;

    @Override
    int run(ApiClient api) {
      JsonNode b = api.get("/api/bundles/" + Paths.segment(id));
      if (json) {
        return printJson(api, b);
      }
      JsonNode m = b.path("manifest");
      out().printf("bundle %s: %s %s (%s agent) in tenant %s%n", b.path("id").asText(),
          b.path("name").asText(), b.path("version").asText(), m.path("type").asText(),
          b.path("tenant_id").asText());
      out().printf("state:     %s%s%n", b.path("state").asText(), b.hasNonNull("decided_by")
          ? " by " + b.path("decided_by").asText() + " at " + b.path("decided_at").asText()
          : "");
      out().printf("submitted: by %s at %s (sha256 %s)%n", b.path("submitted_by").asText(),
          b.path("submitted_at").asText(), b.path("sha256").asText());
      if (b.hasNonNull("reason")) {
        out().printf("reason:    %s%n", b.path("reason").asText());
      }
      if (m.hasNonNull("description")) {
        out().printf("about:     %s%n", m.path("description").asText());
      }
      out().printf("scan:      %d error(s), %d warning(s)%n",
          b.at("/scan_report/errors").size(), b.at("/scan_report/warnings").size());
      Problems.list(b.at("/scan_report/warnings"), out());
      JsonNode tests = b.path("test_report");
      out().printf("tests:     %s%n", tests.isObject() ? tests.path("passed").asInt()
          + " passed, " + tests.path("failed").asInt() + " failed" : "not run");
      out().flush();
      return ExitCode.OK;
    }
  }

  /** A decision's common part. */
  abstract static class Decide extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "bundle id (baton bundles list)")
    String id;

    ObjectNode body(ApiClient api, String reason) {
      ObjectNode body = api.json().createObjectNode();
      if (reason != null) {
        body.put("reason", reason);
      }
      return body;
    }
  }

  @Command(name = "approve", description = "Approve and install a bundle you did not submit "
      + "(operators): registers its agent, grants its tools, writes its prompts.")
  static final class Approve extends Decide {
    @Option(names = "--reason", description = "a note kept with the decision")
    String reason;

    @Override
    int run(ApiClient api) {
      JsonNode done = api.post("/api/bundles/" + Paths.segment(id) + "/approve",
          body(api, reason));
      if (json) {
        return printJson(api, done);
      }
      java.util.List<String> prompts = new java.util.ArrayList<>();
      done.path("prompts").forEach(p -> prompts.add(p.asText()));
      java.util.List<String> tools = new java.util.ArrayList<>();
      done.path("tools").forEach(t -> tools.add(t.asText()));
      out().printf("bundle %s installed: agent %s, tools [%s], prompts [%s]%n", id,
          done.path("agent").asText(), String.join(", ", tools), String.join(", ", prompts));
      JsonNode tests = done.path("tests");
      if (!tests.path("ran").asBoolean()) {
        out().println("note: its tests were not run before approval (baton bundles test " + id
            + ")");
      } else if (tests.path("failed").asInt() > 0) {
        out().printf("note: %d of its tests failed in the last run%n",
            tests.path("failed").asInt());
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  @Command(name = "reject", description = "Reject a bundle you did not submit (operators).")
  static final class Reject extends Decide {
    @Option(names = "--reason", description = "why; kept with the bundle")
    String reason;

    @Override
    int run(ApiClient api) {
      JsonNode done = api.post("/api/bundles/" + Paths.segment(id) + "/reject",
          body(api, reason));
      if (json) {
        return printJson(api, done);
      }
      out().printf("bundle %s rejected%n", id);
      out().flush();
      return ExitCode.OK;
    }
  }

  @Command(name = "uninstall", description = "Uninstall an installed bundle (operators): its "
      + "agent is disabled; lists the workflows with nodes on it.")
  static final class Uninstall extends Decide {
    @Option(names = "--reason", description = "why; kept with the bundle")
    String reason;

    @Override
    int run(ApiClient api) {
      JsonNode done = api.post("/api/bundles/" + Paths.segment(id) + "/uninstall",
          body(api, reason));
      if (json) {
        return printJson(api, done);
      }
      out().printf("bundle %s uninstalled%s%n", id, done.path("agent_disabled").asBoolean()
          ? ": agent " + done.path("agent").asText() + " disabled" : "");
      JsonNode affected = done.path("workflows_affected");
      if (!affected.isEmpty()) {
        out().println("these workflows have nodes on that agent and stop there until deployed "
            + "again:");
        Table table = new Table("WORKFLOW", "VERSION", "NODES");
        affected.forEach(w -> {
          java.util.List<String> nodes = new java.util.ArrayList<>();
          w.path("nodes").forEach(n -> nodes.add(n.asText()));
          table.row(w.path("workflow_id").asText(), w.path("version").asText(),
              String.join(", ", nodes));
        });
        table.print(out());
      }
      out().flush();
      return ExitCode.OK;
    }
  }

  @Command(name = "test", description = "Run a bundle's tests against the simulated model; "
      + "exit code 1 when a case fails.")
  static final class Test extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "bundle id (baton bundles list)")
    String id;

    @Override
    int run(ApiClient api) {
      JsonNode report = api.post("/api/bundles/" + Paths.segment(id) + "/tests", null);
      int code = report.path("failed").asInt() == 0 ? ExitCode.OK : ExitCode.FAILED;
      if (json) {
        printJson(api, report);
        return code;
      }
      Table table = new Table("FILE", "CASE", "RESULT", "REASONS");
      for (JsonNode c : report.path("cases")) {
        java.util.List<String> reasons = new java.util.ArrayList<>();
        c.path("reasons").forEach(r -> reasons.add(r.asText()));
        table.row(c.path("file").asText(), c.path("name").asText(),
            c.path("passed").asBoolean() ? "pass" : "FAIL", String.join("; ", reasons));
      }
      table.print(out());
      out().printf("%d passed, %d failed (model %s)%n", report.path("passed").asInt(),
          report.path("failed").asInt(), report.path("model").asText());
      out().flush();
      return code;
    }
  }
}
