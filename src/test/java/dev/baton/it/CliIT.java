package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code baton} command line against a running server over real HTTP, as users of
 * different roles: what each command prints, and exit codes a script can branch on.
 */
class CliIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  record Result(int code, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out + err, e);
      }
    }
  }

  /** Runs {@code baton <args>} as this user, with the password from a config file. */
  private Result baton(String user, String... args) {
    CliResult result = runCli(user, args);
    return new Result(result.code(), result.out(), result.err());
  }

  @Test
  void startsARunWatchesItToTheEndAndShowsItsCost() throws IOException {
    Result started = baton("dave", "runs", "start", "diamond", "--input",
        "{\"task\": \"from the command line\"}", "--watch", "--interval", "PT0.2S");
    assertThat(started.code()).as(started.out() + started.err()).isZero();
    String runId = started.out().lines().findFirst().orElseThrow();
    assertThat(started.out()).contains("run completed").contains("run " + runId + " of diamond");

    Result shown = baton("erin", "runs", "show", runId, "--json");
    assertThat(shown.code()).isZero();
    assertThat(shown.json().path("status").asText()).isEqualTo("completed");
    assertThat(shown.json().path("input_data").path("task").asText())
        .isEqualTo("from the command line");

    Result verbose = baton("erin", "workflows", "runs", "show", runId, "--verbose");
    assertThat(verbose.out()).as("seed 000's spelling").contains("completed").contains("output: ");

    Result cost = baton("erin", "cost", runId);
    assertThat(cost.code()).as(cost.err()).isZero();
    assertThat(cost.out()).contains("run " + runId + ": $").contains("AGENT TYPE");

    Result listed = baton("erin", "runs", "list", "--workflow", "diamond", "--started-by",
        "dave", "--size", "200", "--json");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.json().path("runs").findValuesAsText("run_id")).contains(runId);
    Result table = baton("erin", "runs", "list", "--workflow", "diamond", "--since", "PT1H");
    assertThat(table.out()).contains("RUN").contains("diamond v").contains("in all");
  }

  @Test
  void decidesAnApprovalFromTheList() throws IOException {
    String runId = api("alice", "alice").startRun("full-development-cycle",
        Map.of("task", "approve me from a terminal"));
    String approvalId = api("alice", "alice").awaitApproval(runId, "approval_gate");

    Result pending = baton("bob", "approvals", "list");
    assertThat(pending.out()).contains(approvalId).contains(runId).contains("Review Plan");
    assertThat(baton("erin", "approvals", "list").code())
        .as("a viewer may not list approvals").isEqualTo(4);

    Result approved = baton("bob", "approvals", "approve", approvalId, "--justification",
        "plan looks right");
    assertThat(approved.code()).as(approved.err()).isZero();
    assertThat(approved.out()).contains(approvalId + ": approve");
    Result again = baton("bob", "approvals", "approve", approvalId);
    assertThat(again.code()).as(again.err()).isIn(3, 5);
    assertThat(baton("alice", "runs", "watch", runId, "--interval", "PT0.2S").code()).isZero();
  }

  @Test
  void validatesAndDeploysSpecFilesWithEveryProblemListed() throws IOException {
    Path bad = dir.resolve("broken.json");
    Files.writeString(bad, """
        {"metadata": {"name": "Broken"},
         "nodes": [{"id": "a", "type": "agent-task", "agent_type": "planner"}]}""");
    Result invalid = baton("alice", "workflows", "validate", bad.toString());
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.out()).contains("ERROR $.nodes[0].type").contains("agent_task")
        .contains("invalid");

    Path good = dir.resolve("CLI Deployed.json");
    Files.writeString(good, """
        {"metadata": {"name": "Deployed from the CLI"},
         "nodes": [{"id": "a", "type": "agent_task", "agent_type": "planner"}]}""");
    Result refused = baton("dave", "workflows", "deploy", good.toString());
    assertThat(refused.code()).as("a runner may not deploy").isEqualTo(4);
    assertThat(refused.err()).startsWith("error: ");

    Result deployed = baton("alice", "workflows", "deploy", good.toString());
    assertThat(deployed.code()).as(deployed.err()).isZero();
    assertThat(deployed.out()).contains("cli-deployed: deployed as v1")
        .contains("a run costs at most $");
    Result notAgain = baton("alice", "workflows", "deploy", good.toString());
    assertThat(notAgain.out()).contains("unchanged");
    Result rejected = baton("alice", "workflows", "deploy", bad.toString());
    assertThat(rejected.code()).isEqualTo(1);
    assertThat(rejected.err()).contains("ERROR $.nodes[0].type");

    assertThat(baton("erin", "workflows", "list").out()).contains("cli-deployed")
        .contains("Deployed from the CLI");
    assertThat(baton("erin", "workflows", "show", "cli-deployed").out()).contains("planner");
    Path bpmn = dir.resolve("out.bpmn");
    assertThat(baton("erin", "workflows", "bpmn", "cli-deployed", "-o", bpmn.toString()).code())
        .isZero();
    assertThat(Files.readString(bpmn)).contains("<bpmndi:BPMNDiagram");
  }

  @Test
  void writesListsAndShowsPromptTemplates() throws IOException {
    Path text = dir.resolve("cli_prompt.md");
    Files.writeString(text, "From the CLI: {{input.task}}");
    Result put = baton("alice", "prompts", "put", "cli_prompt", text.toString());
    assertThat(put.code()).as(put.err()).isZero();
    assertThat(put.out()).contains("cli_prompt: version 1 written");
    assertThat(baton("alice", "prompts", "put", "cli_prompt", text.toString()).out())
        .contains("cli_prompt: unchanged (version 1)");
    Files.writeString(text, "From the CLI, again: {{input.task}}");
    assertThat(baton("alice", "prompts", "put", "cli_prompt", text.toString()).out())
        .contains("version 2 written");
    assertThat(baton("erin", "prompts", "list").out()).contains("cli_prompt")
        .contains("plan_project").contains("shared");
    assertThat(baton("erin", "prompts", "show", "cli_prompt").out())
        .contains("From the CLI, again").contains("alice");
    assertThat(baton("erin", "prompts", "show", "cli_prompt", "1").out())
        .isEqualTo("From the CLI: {{input.task}}");
    // a viewer may not write; a template that is not there is exit code 3
    assertThat(baton("erin", "prompts", "put", "cli_prompt", text.toString()).code())
        .isEqualTo(4);
    assertThat(baton("erin", "prompts", "show", "cli_nothing").code()).isEqualTo(3);
  }

  @Test
  void createsAWorkflowFromATemplate() throws IOException {
    assertThat(baton("erin", "templates", "list").out()).contains("bugfix")
        .contains("max_attempts");
    assertThat(baton("erin", "templates", "show", "bugfix").out()).contains("approver_role")
        .contains("TenantAdmin");
    Result created = baton("alice", "workflows", "from-template", "bugfix", "--slug",
        "cli-bugfix", "-p", "max_attempts=2", "-p", "name=Bug fix from the CLI");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("cli-bugfix: deployed as v1");
    assertThat(baton("erin", "workflows", "show", "cli-bugfix").out())
        .contains("Bug fix from the CLI");
    Result badParameter = baton("alice", "workflows", "from-template", "bugfix", "--slug",
        "cli-bugfix-2", "-p", "max_attempts=50");
    assertThat(badParameter.code()).isEqualTo(1);
    assertThat(badParameter.err()).contains("max_attempts");
  }

  @Test
  void exitCodesSayWhatWentWrong() throws IOException {
    Result unknown = baton("erin", "runs", "show", "no-such-run");
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).contains("error: ").doesNotContain("Exception");

    // a user that does not exist: Camunda delays a real user's next login after a failed one
    Result wrongPassword = baton("erin", "runs", "list", "--user", "nobody-by-this-name");
    assertThat(wrongPassword.code()).isEqualTo(4);
    assertThat(wrongPassword.err()).contains("BATON_PASSWORD").doesNotContain("erin\n");

    Result badInput = baton("dave", "runs", "start", "diamond", "--input", "[1, 2]");
    assertThat(badInput.code()).isEqualTo(2);
    assertThat(badInput.err()).contains("JSON object");

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Result down = baton("erin", "workflows", "list", "--server", "http://localhost:" + closed);
    assertThat(down.code()).isEqualTo(6);
    assertThat(down.err()).contains("cannot reach Baton at http://localhost:" + closed);

    assertThat(baton("erin", "agents", "status", "--all").out()).contains("planner");
    Result budgets = baton("erin", "budgets", "status", "--workflow", "diamond");
    assertThat(budgets.code()).as(budgets.err()).isZero();

    Result status = baton("bob", "status");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("engine running").contains("runs in flight");
    assertThat(baton("erin", "status").code()).as("operators only").isEqualTo(4);
  }
}
