package dev.baton.tool.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.connector.ConnectorException;
import dev.baton.tool.ToolContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The git tool on a bare repository in a temporary folder as the remote. */
class GitToolTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  private TestRemote remote;
  private MockEnvironment env;
  private GitTool tool;

  @BeforeEach
  void setUp() throws Exception {
    remote = TestRemote.create(temp.resolve("remote"));
    env = new MockEnvironment()
        .withProperty("baton.tools.git.workspace-dir", temp.resolve("workspaces").toString())
        .withProperty("baton.tools.git.allowed-remotes", remote.url());
    tool = new GitTool(env);
  }

  private static ToolContext run(String id) {
    return new ToolContext(id, "wf", "default", "implement", "task-" + id, "builder", "builder",
        Map.of(), List.of("git"), 10, 20);
  }

  private JsonNode call(String run, String operation, String args) throws Exception {
    return tool.call(operation, JSON.readTree(args), run(run)).output();
  }

  private static ConnectorException.Kind kind(Throwable e) {
    return ((ConnectorException) e).kind();
  }

  @Test
  void cloneBranchWriteDiffCommitAndPushToTheAllowedRemote() throws Exception {
    JsonNode cloned = call("r1", "clone", "{\"url\": \"" + remote.url() + "\"}");
    assertThat(cloned.path("branch").asText()).isEqualTo("main");
    assertThat(call("r1", "read_file", "{\"path\": \"README.md\"}").path("content").asText())
        .isEqualTo("# Todo\n");
    // again in the same run: the same workspace, nothing cloned twice
    assertThat(call("r1", "clone", "{\"url\": \"" + remote.url() + "\"}").path("cloned")
        .asBoolean()).isFalse();

    call("r1", "branch", "{\"name\": \"feature/todo\"}");
    call("r1", "write_file", "{\"path\": \"src/todo.txt\", \"content\": \"buy milk\\n\"}");
    call("r1", "write_file", "{\"path\": \"README.md\", \"content\": \"# Todo app\\n\"}");
    JsonNode status = call("r1", "status", "{}");
    assertThat(status.path("untracked").toString()).contains("src/todo.txt");
    assertThat(status.path("modified").toString()).contains("README.md");
    JsonNode diff = call("r1", "diff", "{}");
    assertThat(diff.path("files").asInt()).isEqualTo(2);
    assertThat(diff.path("diff").asText()).contains("+# Todo app").contains("-# Todo")
        .contains("+++ b/src/todo.txt").contains("+buy milk");

    JsonNode commit = call("r1", "commit", "{\"message\": \"Add the todo list\"}");
    assertThat(commit.path("branch").asText()).isEqualTo("feature/todo");
    assertThatThrownBy(() -> call("r1", "commit", "{\"message\": \"again\"}"))
        .hasMessageContaining("nothing to commit");
    JsonNode pushed = call("r1", "push", "{}");
    assertThat(pushed.at("/updates/0/status").asText()).isEqualTo("ok");

    assertThat(remote.hasBranch("feature/todo")).isTrue();
    assertThat(remote.file("feature/todo", "src/todo.txt")).isEqualTo("buy milk\n");
    assertThat(remote.file("main", "src/todo.txt")).isNull();
    assertThat(remote.head("feature/todo").getName()).isEqualTo(commit.path("commit").asText());
    assertThat(remote.head("feature/todo").getAuthorIdent().getName()).isEqualTo(
        "Baton builder");
    assertThat(call("r1", "log", "{}").path("commits")).hasSize(2);
    assertThat(call("r1", "list_files", "{}").toString()).contains("src/todo.txt")
        .doesNotContain(".git/");

    // another run has a workspace of its own
    assertThatThrownBy(() -> call("r2", "status", "{}"))
        .hasMessageContaining("call git__clone first");
  }

  @Test
  void remotesOutsideTheAllowListAreRefused() throws Exception {
    TestRemote other = TestRemote.create(temp.resolve("other"));
    assertThatThrownBy(() -> call("r1", "clone", "{\"url\": \"" + other.url() + "\"}"))
        .satisfies(e -> assertThat(kind(e)).isEqualTo(ConnectorException.Kind.REFUSED))
        .hasMessageContaining("is not among the allowed remotes");
    for (String url : List.of("https://user:token@github.com/acme/x.git",
        "http://github.com/acme/x.git", "ext::sh -c touch% /tmp/pwned",
        remote.url() + "/../../other/remote.git", "/etc")) {
      assertThatThrownBy(() -> call("r1", "clone", "{\"url\": \"" + url + "\"}"))
          .as(url).satisfies(e -> assertThat(kind(e)).isEqualTo(
              ConnectorException.Kind.REFUSED));
    }
    env.setProperty("baton.tools.git.allowed-remotes", "");
    assertThatThrownBy(() -> call("r1", "clone", "{\"url\": \"" + remote.url() + "\"}"))
        .hasMessageContaining("no remote is allowed");
    assertThat(Files.exists(temp.resolve("workspaces/r1"))).isFalse();

    // a prefix with '*' allows a family of remotes
    env.setProperty("baton.tools.git.allowed-remotes", temp.toUri() + "*");
    assertThat(call("r1", "clone", "{\"url\": \"" + other.url() + "\"}").path("cloned")
        .asBoolean()).isTrue();
    // and one run holds one repository
    assertThatThrownBy(() -> call("r1", "clone", "{\"url\": \"" + remote.url() + "\"}"))
        .hasMessageContaining("already holds a clone");
  }

  @Test
  void pathsStayInsideTheWorkspace() throws Exception {
    call("r1", "clone", "{\"url\": \"" + remote.url() + "\"}");
    Path outside = Files.writeString(temp.resolve("secret.txt"), "top secret");
    Path workspace = temp.resolve("workspaces/r1");
    Files.createSymbolicLink(workspace.resolve("link.txt"), outside);
    Files.createSymbolicLink(workspace.resolve("linkdir"), temp);

    for (String path : List.of("../secret.txt", "src/../../secret.txt", outside.toString(),
        "/etc/passwd", "link.txt", "linkdir/secret.txt", ".git/config", ".GIT/hooks/pre-commit",
        "C:\\\\Windows\\\\win.ini", "..\\\\secret.txt")) {
      assertThatThrownBy(() -> call("r1", "read_file", "{\"path\": \"" + path + "\"}"))
          .as(path).satisfies(e -> assertThat(kind(e)).isEqualTo(
              ConnectorException.Kind.REFUSED));
      assertThatThrownBy(() -> call("r1", "write_file", "{\"path\": \"" + path
          + "\", \"content\": \"x\"}")).as(path).satisfies(e -> assertThat(kind(e))
              .isEqualTo(ConnectorException.Kind.REFUSED));
    }
    assertThat(Files.readString(outside)).isEqualTo("top secret");
    assertThat(Files.exists(workspace.resolve(".git/hooks/pre-commit"))).isFalse();
    assertThatThrownBy(() -> call("r1", "delete_file", "{\"path\": \"linkdir/secret.txt\"}"))
        .satisfies(e -> assertThat(kind(e)).isEqualTo(ConnectorException.Kind.REFUSED));
    assertThat(outside).exists();
  }
}
