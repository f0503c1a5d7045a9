package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.support.NodeProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An approver's path through a real browser: a run of the seed's Full Development Cycle waits at
 * "Review Plan"; {@code src/test/browser/tasklist-approve.mjs} logs into Camunda Tasklist as
 * alice in headless Chromium, opens and claims the task, checks that the approval form shows the
 * review (the planner's output, the cost), approves with a justification and completes it. The
 * run must then complete with alice's decision recorded.
 *
 * <p>Needs node, npm and Debian's chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM}):
 * without them the test is skipped, except on CI ({@code CI=true}), where it fails. The
 * screenshot of the form goes to {@code target/tasklist-approval.png}; with
 * {@code -Dbaton.screenshots.update=true} also to {@code docs/images/approval-form.png}.
 */
class TasklistBrowserIT extends IntegrationTest {

  static final Path PROJECT = Path.of("src/test/browser");
  private static final NodeProject BROWSER = new NodeProject(PROJECT, "[tasklist]");
  static final Path SCREENSHOT = Path.of("target/tasklist-approval.png");
  static final Path DOCS_SCREENSHOT = Path.of("docs/images/approval-form.png");

  private static final long BROWSER_TIMEOUT_S = 180;
  private static final String JUSTIFICATION = "Plan covers analysis, implementation and tests";

  @Test
  void aliceApprovesInTasklistWithTheForm() throws Exception {
    String chromium = requireNodeNpmAndChromium();
    ApiClient api = api();
    String run = api.startRun("full-development-cycle",
        Map.of("task", "Build a todo app, approved in a browser"));
    String task = api.awaitApproval(run, "approval_gate");
    BROWSER.installIfNeeded();

    Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
    Files.deleteIfExists(SCREENSHOT);
    List<String> command = List.of("node", "tasklist-approve.mjs",
        "http://localhost:" + port, "alice", "alice", "Review Plan", JUSTIFICATION,
        SCREENSHOT.toAbsolutePath().toString(),
        // what the review must show: the planner's name and output, the cost, this run
        "Create Project Plan", "Cost so far", "analyse", run);
    // from the filter approvers start with, in Tasklist as Baton ships it
    NodeProject.Result browser = BROWSER.run(command,
        Map.of("TASK_ID", task, "CHROMIUM", chromium, "BRANDING", "1",
            "FILTER", "My approval gates"),
        BROWSER_TIMEOUT_S);
    System.out.println("[tasklist] exit " + browser.exit() + "\n" + browser.output());
    if (browser.exit() != 0) {
      fail("deciding 'Review Plan' in Tasklist failed (exit " + browser.exit() + "); see "
          + SCREENSHOT + ".failure.png:\n" + browser.output());
    }
    assertThat(SCREENSHOT).as("screenshot of the approval form").exists();
    if (Boolean.getBoolean("baton.screenshots.update")) {
      Files.createDirectories(DOCS_SCREENSHOT.getParent());
      Files.copy(SCREENSHOT, DOCS_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("[tasklist] updated " + DOCS_SCREENSHOT);
    }

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    JsonNode gate = RunLifecycleIT.node(done, "approval_gate");
    assertThat(gate.path("status").asText()).isEqualTo("completed");
    assertThat(gate.path("output").path("decision").asText()).isEqualTo("approve");
    assertThat(gate.path("output").path("decided_by").asText()).isEqualTo("alice");
    assertThat(gate.path("output").path("comment").asText()).isEqualTo(JUSTIFICATION);
  }

  @Test
  void bobRaisesARunsBudgetFromTheBudgetOverridesFilter() throws Exception {
    String chromium = requireNodeNpmAndChromium();
    ApiClient api = api();
    String spec = dev.baton.process.ProcessTestEngine.read(
        dev.baton.process.ProcessTestEngine.testSpec("budget-override"));
    assertThat(api.post("/api/workflows", Map.of("slug", "override-browser",
        "spec", dev.baton.process.ProcessTestEngine.json(spec))).status()).isEqualTo(201);
    String run = api.startRun("override-browser", Map.of("task", "the quarterly report"));
    String task = api.awaitApproval(run, "expensive__override");
    BROWSER.installIfNeeded();

    Path screenshot = SCREENSHOT.resolveSibling("tasklist-override.png").toAbsolutePath();
    List<String> command = List.of("node", "tasklist-approve.mjs",
        "http://localhost:" + port, "bob", "bob", "Raise budget for expensive",
        "the customer pays for the longer report", screenshot.toString(),
        // the step's name, the run's input, business wording
        "the quarterly report", "ask a Baton operator", run);
    NodeProject.Result browser = BROWSER.run(command, Map.of("TASK_ID", task,
        "CHROMIUM", chromium, "BRANDING", "1", "FILTER", "Budget overrides",
        "REVIEW_HEADING", "More budget needed for expensive",
        "JUSTIFICATION_LABEL", "Justification (approve) or reason (reject)"), BROWSER_TIMEOUT_S);
    System.out.println("[tasklist] exit " + browser.exit() + "\n" + browser.output());
    if (browser.exit() != 0) {
      fail("raising the budget in Tasklist failed (exit " + browser.exit() + "):\n"
          + browser.output());
    }
    assertThat(browser.output()).contains("branded: title 'Baton Tasklist'")
        .contains("filter 'Budget overrides' selected");
    if (Boolean.getBoolean("baton.screenshots.update")) {
      Files.copy(screenshot, DOCS_SCREENSHOT.resolveSibling("override-form.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    JsonNode audit = done.findValue("audit");
    assertThat(audit.get(0).path("decided_by").asText()).isEqualTo("bob");
    assertThat(audit.get(0).path("comment").asText())
        .isEqualTo("the customer pays for the longer report");
  }

  @Test
  void tasklistShowsARefusalAndTheTwoPersonRuleAsksForASecondApprover() throws Exception {
    String chromium = requireNodeNpmAndChromium();
    ApiClient api = api();
    String run = api.startRun("release-approval", Map.of("task", "release 5.0"));
    String task = api.awaitApproval(run, "sign_off");
    BROWSER.installIfNeeded();

    Path screenshot = SCREENSHOT.resolveSibling("tasklist-refusal.png").toAbsolutePath();
    List<String> command = List.of("node", "tasklist-approve.mjs",
        "http://localhost:" + port, "alice", "alice", "Sign off the release",
        "rollback is covered", screenshot.toString(), "Draft the release plan", "Cost so far");
    NodeProject.Result browser = BROWSER.run(command, Map.of("TASK_ID", task, "CHROMIUM", chromium,
        "REFUSAL", "needs a justification"), BROWSER_TIMEOUT_S);
    System.out.println("[tasklist] exit " + browser.exit() + "\n" + browser.output());
    if (browser.exit() != 0) {
      fail("the refusal in Tasklist did not work as expected (exit " + browser.exit() + "):\n"
          + browser.output());
    }
    assertThat(browser.output()).contains("refused as expected")
        .contains("needs a justification");

    // alice approved; the two-person rule opens the gate again for someone else
    String second = api.awaitApproval(run, "sign_off");
    assertThat(second).isNotEqualTo(task);
    assertThat(api("bob", "bob").post("/api/approvals/" + second + "/approve",
        Map.of("justification", "agreed")).status()).isEqualTo(200);
    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "sign_off").path("audit").findValuesAsText("decided_by"))
        .containsExactly("alice", "bob");
  }

  private static String requireNodeNpmAndChromium() {
    return NodeProject.requireNodeNpmAndChromium("the Tasklist browser test");
  }
}
