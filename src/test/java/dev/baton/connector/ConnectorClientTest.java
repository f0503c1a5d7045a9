package dev.baton.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped connector definitions, carried out over real HTTP against a local server. */
class ConnectorClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Seen(String method, String uri, String authorization, String body) {}

  private HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Connectors connectors = new Connectors(Path.of("connectors"));
  private final ConnectorClient client = new ConnectorClient(Duration.ofSeconds(5));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          exchange.getRequestHeaders().getFirst("Authorization"), body));
      String path = exchange.getRequestURI().getPath();
      int status = path.endsWith("/missing") ? 404 : path.endsWith("/echo") ? 401
          : "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
      String reply = path.endsWith("/echo")
          ? "{\"message\": \"Bad credentials: "
              + exchange.getRequestHeaders().getFirst("Authorization") + "\", \"status\": 401}"
          : path.endsWith("/issues") && "GET".equals(exchange.getRequestMethod())
          ? "[{\"number\": 7, \"title\": \"Crash on start\"}, {\"number\": 9, \"title\": \"Typo\"}]"
          : path.endsWith("/missing") ? "{\"message\": \"Not Found\"}"
          : "{\"number\": 12, \"html_url\": \"https://github.example/acme/rocket/issues/12\"}";
      byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    System.setProperty("BATON_GITHUB_API_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    System.setProperty("GITHUB_TOKEN", "test-token-123");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty("BATON_GITHUB_API_URL");
    System.clearProperty("GITHUB_TOKEN");
  }

  private ConnectorDefinition github() {
    return connectors.find("github-issues").orElseThrow();
  }

  @Test
  void listsIssuesWithTheTokenFromTheEnvironmentAndMapsTheReply() {
    ConnectorDefinition gh = github();
    ConnectorClient.Result result = client.call(gh, gh.operation("list_issues").orElseThrow(),
        JSON.createObjectNode().put("owner", "acme").put("repo", "rocket launcher"));
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.output().toString())
        .isEqualTo("{\"numbers\":[7,9],\"titles\":[\"Crash on start\",\"Typo\"]}");
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("GET");
    // arguments are URL-encoded, defaults fill what the model left out
    assertThat(request.uri()).isEqualTo("/repos/acme/rocket%20launcher/issues?state=open");
    assertThat(request.authorization()).isEqualTo("Bearer test-token-123");
  }

  @Test
  void opensAnIssueWithAJsonEncodedBody() throws IOException {
    ConnectorDefinition gh = github();
    ConnectorClient.Result result = client.call(gh, gh.operation("create_issue").orElseThrow(),
        JSON.createObjectNode().put("owner", "acme").put("repo", "rocket")
            .put("title", "Quote \" and } inside"));
    assertThat(result.output().path("number").asInt()).isEqualTo(12);
    assertThat(JSON.readTree(seen.get(0).body()).path("title").asText())
        .isEqualTo("Quote \" and } inside");
    assertThat(JSON.readTree(seen.get(0).body()).path("body").asText()).isEmpty();
  }

  @Test
  void anErrorStatusIsAnHttpErrorWithTheStatus() {
    ConnectorDefinition http = connectors.find("http").orElseThrow();
    System.setProperty("BATON_HTTP_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    try {
      assertThatThrownBy(() -> client.call(http, http.operation("get").orElseThrow(),
          JSON.createObjectNode().put("path", "orders/missing")))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("HTTP 404")
          .satisfies(e -> assertThat(((ConnectorException) e).status()).isEqualTo(404));
      // the generic connector sends a bearer token even when none is set (default "none")
      assertThat(seen.get(0).authorization()).isEqualTo("Bearer none");
    } finally {
      System.clearProperty("BATON_HTTP_BASE_URL");
    }
  }

  @Test
  void anErrorBodyQuotingTheSecretIsRedactedAndKeepsItsStatus() {
    ConnectorDefinition http = connectors.find("http").orElseThrow();
    System.setProperty("BATON_HTTP_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    System.setProperty("BATON_HTTP_TOKEN", "plain-words-token");
    try {
      assertThatThrownBy(() -> client.call(http, http.operation("get").orElseThrow(),
          JSON.createObjectNode().put("path", "orders/echo")))
          .isInstanceOf(ConnectorException.class)
          .hasMessage("http.get answered HTTP 401: {\"message\":\"Bad credentials: Bearer "
              + "[redacted]\",\"status\":401}");
      assertThat(seen.get(0).authorization()).isEqualTo("Bearer plain-words-token");
    } finally {
      System.clearProperty("BATON_HTTP_BASE_URL");
      System.clearProperty("BATON_HTTP_TOKEN");
    }
  }

  @Test
  void anUnsetSecretIsNamedAndNoRequestGoesOut() {
    System.clearProperty("GITHUB_TOKEN");
    ConnectorDefinition gh = github();
    assertThatThrownBy(() -> client.call(gh, gh.operation("list_issues").orElseThrow(),
        JSON.createObjectNode().put("owner", "acme").put("repo", "rocket")))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("set the environment variable GITHUB_TOKEN")
        .satisfies(e -> assertThat(((ConnectorException) e).kind())
            .isEqualTo(ConnectorException.Kind.NOT_CONFIGURED));
    assertThat(seen).isEmpty();
  }

  @Test
  void aMissingRequiredArgumentIsRefusedBeforeTheCall() {
    ConnectorDefinition gh = github();
    assertThatThrownBy(() -> client.call(gh, gh.operation("get_issue").orElseThrow(),
        JSON.createObjectNode().put("owner", "acme").put("repo", "rocket")))
        .hasMessageContaining("missing argument 'number'");
    assertThat(seen).isEmpty();
  }

  @Test
  void theShippedDefinitionsParseWithScopesLimitsAndCosts() {
    List<ConnectorDefinition> tools = connectors.tools();
    assertThat(tools).extracting(ConnectorDefinition::name)
        .containsExactly("git", "github-issues", "github", "http", "meta", "slack", "webhook");
    // the built-in tools declare operations without URLs; Baton carries them out itself
    ConnectorDefinition git = connectors.find("git").orElseThrow();
    assertThat(git.builtin()).isTrue();
    assertThat(git.operation("push").orElseThrow().scope()).isEqualTo("write");
    assertThat(git.operation("diff").orElseThrow().scope()).isEqualTo("read");
    // deploying is more than starting a deployed workflow: admin above write
    ConnectorDefinition meta = connectors.find("meta").orElseThrow();
    assertThat(meta.builtin()).isTrue();
    assertThat(meta.operation("create_workflow").orElseThrow().scope()).isEqualTo("admin");
    assertThat(meta.operation("start_run").orElseThrow().scope()).isEqualTo("write");
    assertThat(meta.operation("get_run_status").orElseThrow().required())
        .containsExactly("run_id");
    assertThat(connectors.find("github").orElseThrow().operation("create_pull_request")
        .orElseThrow().required()).containsExactly("owner", "repo", "title", "head", "base");
    assertThat(github().builtin()).isFalse();
    assertThat(github().operation("list_issues").orElseThrow().scope()).isEqualTo("read");
    assertThat(github().operation("create_issue").orElseThrow().scope()).isEqualTo("write");
    assertThat(github().rateLimitPerHour()).isEqualTo(500);
    assertThat(connectors.find("http").orElseThrow().costPerUseUsd())
        .isEqualByComparingTo("0.0001");
    // the notification channels keep their own top-level fields for the notifier
    assertThat(connectors.find("slack").orElseThrow().operation("post_message")).isPresent();
    assertThat(ConnectorClient.secretNames(github(), github().operation("list_issues")
        .orElseThrow())).containsExactly("GITHUB_TOKEN");
  }
}
