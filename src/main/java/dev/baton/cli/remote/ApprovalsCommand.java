package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton approvals list|approve|reject|request-changes}: the gates and budget overrides
 * waiting for you, decided under the same rules as in Tasklist (roles, two-person rule,
 * justification), which the server enforces.
 */
@Command(name = "approvals", description = "Approval gates and budget overrides waiting for you.",
    subcommands = {ApprovalsCommand.List.class, ApprovalsCommand.Approve.class,
        ApprovalsCommand.Reject.class, ApprovalsCommand.RequestChanges.class})
public final class ApprovalsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "Approvals you may decide, oldest first.")
  static final class List extends RemoteCommand {
    @Override
    int run(ApiClient api) {
      JsonNode pending = api.get("/api/approvals/pending");
      if (json) {
        return printJson(api, pending);
      }
      Table table = new Table("ID", "RUN", "WORKFLOW", "GATE", "DUE", "WHO", "LEVEL");
      for (JsonNode a : pending) {
        java.util.List<String> who = new java.util.ArrayList<>();
        a.path("candidate_groups").forEach(g -> who.add(g.asText()));
        a.path("candidate_users").forEach(u -> who.add(u.asText()));
        table.row(a.path("id").asText(), a.path("run_id").asText(),
            a.path("workflow_id").asText(), a.path("gate_name").asText(),
            a.path("due_at").asText(null), String.join(", ", who),
            a.path("escalation_level").asInt());
      }
      if (table.isEmpty()) {
        out().println("nothing waits for you");
        out().flush();
        return ExitCode.OK;
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  /** A decision's common part: which approval, and what the server answered. */
  abstract static class Decide extends RemoteCommand {
    @Parameters(paramLabel = "APPROVAL", description = "approval id (baton approvals list)")
    String id;

    abstract String action();

    abstract ObjectNode body(ApiClient api);

    @Override
    int run(ApiClient api) {
      JsonNode decided = api.post("/api/approvals/" + Paths.segment(id) + "/" + action(),
          body(api));
      if (json) {
        return printJson(api, decided);
      }
      out().println(id + ": " + decided.path("decision").asText(action()));
      out().flush();
      return ExitCode.OK;
    }
  }

  @Command(name = "approve", description = "Approve; a gate may require a justification.")
  static final class Approve extends Decide {
    @Option(names = "--justification", description = "why (required by some gates)")
    String justification;

    @Option(names = "--raise-usd", paramLabel = "USD",
        description = "for a budget override: how much to raise the run's budget by")
    BigDecimal raiseUsd;

    @Override
    String action() {
      return "approve";
    }

    @Override
    ObjectNode body(ApiClient api) {
      return api.json().createObjectNode().put("justification", justification)
          .put("raise_usd", raiseUsd);
    }
  }

  @Command(name = "reject", description = "Reject; the run goes the gate's rejected way.")
  static final class Reject extends Decide {
    @Option(names = "--reason", description = "why")
    String reason;

    @Override
    String action() {
      return "reject";
    }

    @Override
    ObjectNode body(ApiClient api) {
      return api.json().createObjectNode().put("reason", reason);
    }
  }

  @Command(name = "request-changes",
      description = "Send the work back to the agent before the gate, with a comment.")
  static final class RequestChanges extends Decide {
    @Option(names = "--comment", required = true, description = "what to change")
    String comment;

    @Override
    String action() {
      return "request-changes";
    }

    @Override
    ObjectNode body(ApiClient api) {
      return api.json().createObjectNode().put("comment", comment);
    }
  }
}
