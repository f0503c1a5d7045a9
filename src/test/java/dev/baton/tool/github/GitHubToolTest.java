package dev.baton.tool.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.connector.ConnectorException;
import dev.baton.tool.BuiltinTool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The github tool against the local stand-in of GitHub's REST API. */
class GitHubToolTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_VARIABLE = "BATON_TEST_GITHUB_TOKEN";
  private static final ToolContext CONTEXT = new ToolContext("run-1", "wf", "default", "implement",
      "task-1", "builder", "builder", Map.of(), List.of("github"), 10, 20);

  private GitHubStandIn github;
  private MockEnvironment env;
  private GitHubTool tool;

  @BeforeEach
  void start() throws Exception {
    github = new GitHubStandIn("gh-secret-token").repository("acme/rocket")
        .file("acme/rocket", "docs/README.md", "# Rocket\nLaunches things.\n");
    github.issue("acme/rocket", "Login fails");
    env = new MockEnvironment().withProperty("baton.tools.github.api-url", github.url() + "/")
        .withProperty("baton.tools.github.token-variable", TOKEN_VARIABLE);
    System.setProperty(TOKEN_VARIABLE, "gh-secret-token");
    tool = new GitHubTool(env, new ToolSettings(10, 20, Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    github.close();
    System.clearProperty(TOKEN_VARIABLE);
  }

  private BuiltinTool.Reply call(String operation, String args) throws Exception {
    return tool.call(operation, JSON.readTree(args), CONTEXT);
  }

  @Test
  void issuesCommentsPullRequestsAndFilesWithGitHubsShapes() throws Exception {
    JsonNode issues = call("list_issues", "{\"owner\": \"acme\", \"repo\": \"rocket\"}").output();
    assertThat(issues.at("/issues/0/title").asText()).isEqualTo("Login fails");
    assertThat(issues.at("/issues/0/user").asText()).isEqualTo("octocat");

    BuiltinTool.Reply created = call("create_issue", "{\"owner\": \"acme\", \"repo\": "
        + "\"rocket\", \"title\": \"Slow start\", \"body\": \"takes 9 s\"}");
    assertThat(created.status()).isEqualTo(201);
    int number = created.output().path("number").asInt();
    assertThat(call("get_issue", "{\"owner\": \"acme\", \"repo\": \"rocket\", \"number\": "
        + number + "}").output().path("body").asText()).isEqualTo("takes 9 s");

    JsonNode comment = call("comment", "{\"owner\": \"acme\", \"repo\": \"rocket\", "
        + "\"number\": " + number + ", \"body\": \"on it\"}").output();
    assertThat(comment.path("html_url").asText()).contains("/issues/" + number);
    assertThat(call("list_comments", "{\"owner\": \"acme\", \"repo\": \"rocket\", \"number\": "
        + number + "}").output().at("/comments/0/body").asText()).isEqualTo("on it");

    JsonNode pull = call("create_pull_request", "{\"owner\": \"acme\", \"repo\": \"rocket\", "
        + "\"title\": \"Faster start\", \"head\": \"feature/fast\", \"base\": \"main\"}")
        .output();
    assertThat(pull.path("head").asText()).isEqualTo("feature/fast");
    assertThat(pull.path("state").asText()).isEqualTo("open");
    assertThat(call("list_pull_requests", "{\"owner\": \"acme\", \"repo\": \"rocket\"}")
        .output().at("/pull_requests/0/number").asInt()).isEqualTo(pull.path("number").asInt());

    // contents: decoded from GitHub's base64 (with its line breaks), written back encoded
    JsonNode file = call("get_file", "{\"owner\": \"acme\", \"repo\": \"rocket\", "
        + "\"path\": \"docs/README.md\"}").output();
    assertThat(file.path("content").asText()).isEqualTo("# Rocket\nLaunches things.\n");
    JsonNode written = call("put_file", "{\"owner\": \"acme\", \"repo\": \"rocket\", \"path\": "
        + "\"docs/README.md\", \"content\": \"# Rocket 2\", \"message\": \"docs\", \"sha\": \""
        + file.path("sha").asText() + "\"}").output();
    assertThat(written.path("commit").asText()).hasSize(40);
    assertThat(call("get_file", "{\"owner\": \"acme\", \"repo\": \"rocket\", "
        + "\"path\": \"docs/README.md\"}").output().path("content").asText())
        .isEqualTo("# Rocket 2");

    // every request carried the token as GitHub expects it
    assertThat(github.requests()).extracting(GitHubStandIn.Request::authorization)
        .containsOnly("Bearer gh-secret-token");
  }

  @Test
  void gitHubsErrorsBecomeMessagesThatSayWhatToDo() throws Exception {
    assertThatThrownBy(() -> call("get_issue", "{\"owner\": \"acme\", \"repo\": \"rocket\", "
        + "\"number\": 999}"))
        .isInstanceOfSatisfying(ConnectorException.class, e -> {
          assertThat(e.kind()).isEqualTo(ConnectorException.Kind.HTTP_ERROR);
          assertThat(e.status()).isEqualTo(404);
        })
        .hasMessageContaining("not found on GitHub: issue #999 of acme/rocket")
        .hasMessageContaining("the token cannot see it");

    call("create_pull_request", "{\"owner\": \"acme\", \"repo\": \"rocket\", \"title\": \"A\", "
        + "\"head\": \"fix\", \"base\": \"main\"}");
    assertThatThrownBy(() -> call("create_pull_request", "{\"owner\": \"acme\", \"repo\": "
        + "\"rocket\", \"title\": \"B\", \"head\": \"fix\", \"base\": \"main\"}"))
        .hasMessageContaining("HTTP 422: Validation Failed")
        .hasMessageContaining("A pull request already exists for acme:fix.");

    assertThatThrownBy(() -> call("list_issues", "{\"owner\": \"acme\", \"repo\": \"busy\"}"))
        .isInstanceOfSatisfying(ConnectorException.class,
            e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("rate limit is used up").hasMessageContaining("limit 5000")
        .hasMessageContaining("it resets at").hasMessageContaining("try later");

    System.setProperty(TOKEN_VARIABLE, "ghp_revoked123");
    assertThatThrownBy(() -> call("list_issues", "{\"owner\": \"acme\", \"repo\": \"rocket\"}"))
        .hasMessageContaining("GitHub rejected the token (HTTP 401: Bad credentials)")
        .hasMessageNotContaining("ghp_revoked123");

    System.clearProperty(TOKEN_VARIABLE);
    assertThatThrownBy(() -> call("list_issues", "{\"owner\": \"acme\", \"repo\": \"rocket\"}"))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
            .isEqualTo(ConnectorException.Kind.NOT_CONFIGURED))
        .hasMessageContaining("set the environment variable " + TOKEN_VARIABLE);
  }

  @Test
  void repositoriesOperationsAndArgumentsAreChecked() throws Exception {
    env.setProperty("baton.tools.github.repositories", "acme/rocket, tools/*");
    env.setProperty("baton.tools.github.operations", "list_issues, get_issue");
    assertThat(call("list_issues", "{\"owner\": \"acme\", \"repo\": \"rocket\"}").status())
        .isEqualTo(200);
    assertThatThrownBy(() -> call("list_issues", "{\"owner\": \"acme\", \"repo\": \"secret\"}"))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
            .isEqualTo(ConnectorException.Kind.REFUSED))
        .hasMessageContaining("repository acme/secret is not among the allowed repositories");
    assertThatThrownBy(() -> call("create_issue", "{\"owner\": \"acme\", \"repo\": \"rocket\", "
        + "\"title\": \"x\"}"))
        .hasMessageContaining("github.create_issue is not among the allowed operations");

    env.setProperty("baton.tools.github.operations", "*");
    // nothing but a GitHub name reaches the URL
    assertThatThrownBy(() -> call("list_issues", "{\"owner\": \"acme/../../admin\", "
        + "\"repo\": \"rocket\"}"))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
            .isEqualTo(ConnectorException.Kind.BAD_ARGUMENTS));
    assertThatThrownBy(() -> call("get_file", "{\"owner\": \"acme\", \"repo\": \"rocket\", "
        + "\"path\": \"docs/../../../x\"}")).hasMessageContaining("'..'");
    assertThat(github.requests()).hasSize(1);
  }
}
