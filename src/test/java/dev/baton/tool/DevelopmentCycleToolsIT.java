package dev.baton.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.it.ApiClient;
import dev.baton.it.IntegrationTest;
import dev.baton.tool.git.TestRemote;
import dev.baton.tool.github.GitHubStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seed 000's Full Development Cycle, deployed unchanged from processes/, run end to end: the
 * plan is approved, then the default builder agent (which ships with the git and github tools)
 * clones a test repository (a bare repository in a temporary folder), works on a branch,
 * commits and pushes, and opens a pull request on the local GitHub stand-in, the simulated
 * model asking for each tool call. A call outside the workspace is refused and recorded; every
 * use that ran is priced in the ledger.
 */
class DevelopmentCycleToolsIT extends IntegrationTest {

  private static final String TOKEN = "ghp_devcycle_test_token_123";
  private static final String[] SETTINGS = {"baton.tools.git.allowed-remotes",
      "baton.tools.git.workspace-dir", "baton.tools.github.api-url", "BATON_GITHUB_TOKEN"};

  private static Path temp;
  private static TestRemote remote;
  private static GitHubStandIn github;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeAll
  static void standIns() throws Exception {
    temp = Files.createTempDirectory("baton-devcycle");
    remote = TestRemote.create(temp.resolve("remote"));
    github = new GitHubStandIn(TOKEN).repository("acme/todo")
        .branches((repo, branch) -> remote.hasBranch(branch));
    // read by the tools at call time, like the connectors' secrets
    System.setProperty("baton.tools.git.allowed-remotes", remote.url());
    System.setProperty("baton.tools.git.workspace-dir", temp.resolve("workspaces").toString());
    System.setProperty("baton.tools.github.api-url", github.url());
    System.setProperty("BATON_GITHUB_TOKEN", TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    github.close();
    for (String name : SETTINGS) {
      System.clearProperty(name);
    }
    org.eclipse.jgit.util.FileUtils.delete(temp.toFile(),
        org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.RETRY);
  }

  @Test
  void theBuilderChangesTheRepositoryAndOpensAPullRequest() {
    String task = "Build a todo app. "
        + "[simulate:tool:git__clone {\"url\": \"" + remote.url() + "\"}] "
        + "[simulate:tool:git__branch {\"name\": \"feature/todo-list\"}] "
        + "[simulate:tool:git__write_file {\"path\": \"src/todo.md\", "
        + "\"content\": \"- [ ] buy milk\\n\"}] "
        + "[simulate:tool:git__read_file {\"path\": \"../../../etc/passwd\"}] "
        + "[simulate:tool:git__diff {}] "
        + "[simulate:tool:git__commit {\"message\": \"Add the todo list\"}] "
        + "[simulate:tool:git__push {}] "
        + "[simulate:tool:github__create_pull_request {\"owner\": \"acme\", \"repo\": \"todo\", "
        + "\"title\": \"Add the todo list\", \"head\": \"feature/todo-list\", "
        + "\"base\": \"main\", \"body\": \"Implements the approved plan\"}]";
    ApiClient api = api();
    String run = api.startRun("full-development-cycle", Map.of("task", task));
    String approval = api.awaitApproval(run, "approval_gate");
    assertThat(api.post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "go")).status()).isEqualTo(200);
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    JsonNode implement = node(done, "implement").path("output");
    assertThat(implement.path("agent").asText()).isEqualTo("builder");
    assertThat(implement.path("stop_reason").asText()).isEqualTo("completed");
    JsonNode calls = implement.path("tool_calls");
    assertThat(calls.findValuesAsText("operation")).containsExactly("clone", "branch",
        "write_file", "read_file", "diff", "commit", "push", "create_pull_request");
    assertThat(calls.findValuesAsText("outcome")).containsExactly("ok", "ok", "ok",
        "refused_policy", "ok", "ok", "ok", "ok");
    assertThat(calls.get(3).path("detail").asText()).contains("'..' is not allowed");
    assertThat(calls.get(4).at("/result/diff").asText()).contains("+- [ ] buy milk");
    assertThat(calls.get(7).path("http_status").asInt()).isEqualTo(201);

    // the remote really has the branch and the file; main is untouched
    assertThat(remote.hasBranch("feature/todo-list")).isTrue();
    assertThat(read(() -> remote.file("feature/todo-list", "src/todo.md")))
        .isEqualTo("- [ ] buy milk\n");
    assertThat(read(() -> remote.file("main", "src/todo.md"))).isNull();

    // the pull request on the stand-in, from the pushed branch, with the token sent
    List<com.fasterxml.jackson.databind.node.ObjectNode> pulls = github.pullRequests("acme/todo");
    assertThat(pulls).hasSize(1);
    assertThat(pulls.get(0).at("/head/ref").asText()).isEqualTo("feature/todo-list");
    assertThat(pulls.get(0).at("/base/ref").asText()).isEqualTo("main");
    assertThat(calls.get(7).at("/result/number").asInt())
        .isEqualTo(pulls.get(0).path("number").asInt());
    assertThat(github.requests()).extracting(GitHubStandIn.Request::authorization)
        .containsOnly("Bearer " + TOKEN);

    // audited: every call asked for, the refusal included
    List<String> outcomes = jdbc.queryForList("SELECT tool_slug || '.' || operation || ':' || "
        + "outcome FROM baton_tool_call WHERE run_id = ? ORDER BY id", String.class, run);
    assertThat(outcomes).containsExactly("git.clone:ok", "git.branch:ok", "git.write_file:ok",
        "git.read_file:refused_policy", "git.diff:ok", "git.commit:ok", "git.push:ok",
        "github.create_pull_request:ok");

    // priced: the seven uses that ran, at each tool's price; the refusal costs nothing
    JsonNode cost = api.get("/api/workflows/runs/" + run + "/cost").json();
    Map<String, Integer> uses = new java.util.HashMap<>();
    cost.at("/breakdown/tool_costs").forEach(t -> uses.put(t.path("tool_name").asText(),
        t.path("usage_count").asInt()));
    assertThat(uses).isEqualTo(Map.of("git", 6, "github", 1));
    for (JsonNode t : cost.at("/breakdown/tool_costs")) {
      assertThat(t.path("total_cost").decimalValue()).isEqualByComparingTo(
          new java.math.BigDecimal("0.0001").multiply(
              java.math.BigDecimal.valueOf(t.path("usage_count").asInt())));
    }

    // the token is in no output, variable or record of the run
    assertThat(done.toString()).doesNotContain(TOKEN);
    assertThat(jdbc.queryForList("SELECT detail FROM baton_tool_call WHERE run_id = ? AND "
        + "detail IS NOT NULL", String.class, run)).noneMatch(d -> d.contains(TOKEN));
  }

  interface Read {
    String get() throws Exception;
  }

  private static String read(Read read) {
    try {
      return read.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode node(JsonNode run, String id) {
    for (JsonNode n : run.path("nodes")) {
      if (id.equals(n.path("id").asText())) {
        return n;
      }
    }
    throw new AssertionError(run.toPrettyString());
  }
}
