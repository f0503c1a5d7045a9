package dev.baton.tool.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the part of GitHub's REST API the github tool uses, on the JDK's HTTP
 * server: issues, comments, pull requests and contents with GitHub's JSON shapes, the bearer
 * token checked (401 "Bad credentials" otherwise), 404 "Not Found" for unknown repositories and
 * numbers, 422 "Validation Failed" with GitHub's errors for a pull request whose head branch
 * does not exist or already has one, and a used-up rate limit (403 with {@code
 * x-ratelimit-remaining: 0}) for the repository named {@code busy}.
 */
public final class GitHubStandIn implements AutoCloseable {

  /** One request as it arrived. */
  public record Request(String method, String path, String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

  private final HttpServer server;
  private final String token;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, List<ObjectNode>> issues = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> pulls = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> comments = new ConcurrentHashMap<>();
  private final Map<String, String> files = new ConcurrentHashMap<>();
  private final List<String> repositories = new CopyOnWriteArrayList<>();
  private volatile BiPredicate<String, String> branchExists = (repo, branch) -> true;
  private int next = 1;

  public GitHubStandIn(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A repository that exists, with a file on its default branch. */
  public GitHubStandIn repository(String fullName) {
    repositories.add(fullName);
    issues.put(fullName, new CopyOnWriteArrayList<>());
    pulls.put(fullName, new CopyOnWriteArrayList<>());
    return this;
  }

  public GitHubStandIn file(String fullName, String path, String content) {
    files.put(fullName + ":" + path, content);
    return this;
  }

  /** Decides whether a pull request's head branch exists (e.g. was really pushed). */
  public GitHubStandIn branches(BiPredicate<String, String> exists) {
    this.branchExists = exists;
    return this;
  }

  public synchronized ObjectNode issue(String fullName, String title) {
    ObjectNode issue = issueJson(fullName, next++, title, "");
    issues.get(fullName).add(issue);
    return issue;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<ObjectNode> pullRequests(String fullName) {
    return List.copyOf(pulls.getOrDefault(fullName, List.of()));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(new Request(method, exchange.getRequestURI().toString(), auth, body));
    try {
      if (!("Bearer " + token).equals(auth)) {
        send(exchange, 401, error("Bad credentials"));
        return;
      }
      if (exchange.getRequestHeaders().getFirst("User-Agent") == null) {
        send(exchange, 403, error("Request forbidden by administrative rules. Please make sure "
            + "your request has a User-Agent header"));
        return;
      }
      Matcher m = REPO.matcher(path);
      if (!m.matches()) {
        send(exchange, 404, error("Not Found"));
        return;
      }
      String repo = m.group(1) + "/" + m.group(2);
      String rest = m.group(3) == null ? "" : m.group(3);
      if (m.group(2).equals("busy")) {
        long reset = Instant.now().plusSeconds(1800).getEpochSecond();
        exchange.getResponseHeaders().add("x-ratelimit-limit", "5000");
        exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
        exchange.getResponseHeaders().add("x-ratelimit-reset", Long.toString(reset));
        send(exchange, 403, error("API rate limit exceeded for user ID 1."));
        return;
      }
      if (!repositories.contains(repo)) {
        send(exchange, 404, error("Not Found"));
        return;
      }
      route(exchange, method, repo, rest, body);
    } catch (RuntimeException e) {
      send(exchange, 500, error("stand-in failed: " + e));
    }
  }

  private synchronized void route(HttpExchange exchange, String method, String repo,
      String rest, JsonNode body) throws IOException {
    Matcher number = Pattern.compile("/(issues|pulls)/(\\d+)(/comments)?").matcher(rest);
    if (rest.equals("/issues") && method.equals("GET")) {
      ArrayNode list = JSON.createArrayNode();
      issues.get(repo).forEach(list::add);
      pulls.get(repo).forEach(p -> list.add(issueJson(repo, p.get("number").asInt(),
          p.get("title").asText(), p.get("body").asText()).set("pull_request",
          JSON.createObjectNode().put("url", p.get("url").asText()))));
      send(exchange, 200, list);
    } else if (rest.equals("/issues") && method.equals("POST")) {
      if (body == null || !body.hasNonNull("title")) {
        send(exchange, 422, validation("Issue", "title", "missing_field", null));
        return;
      }
      ObjectNode issue = issueJson(repo, next++, body.get("title").asText(),
          body.path("body").asText(""));
      issues.get(repo).add(issue);
      send(exchange, 201, issue);
    } else if (rest.equals("/pulls") && method.equals("GET")) {
      ArrayNode list = JSON.createArrayNode();
      pulls.get(repo).forEach(list::add);
      send(exchange, 200, list);
    } else if (rest.equals("/pulls") && method.equals("POST")) {
      String head = body.path("head").asText();
      String base = body.path("base").asText();
      if (!branchExists.test(repo, head)) {
        send(exchange, 422, validation("PullRequest", "head", "invalid", null));
        return;
      }
      if (pulls.get(repo).stream().anyMatch(p -> p.at("/head/ref").asText().equals(head)
          && p.get("state").asText().equals("open"))) {
        send(exchange, 422, validation("PullRequest", null, "custom",
            "A pull request already exists for " + repo.split("/")[0] + ":" + head + "."));
        return;
      }
      int n = next++;
      ObjectNode pull = JSON.createObjectNode().put("url", url() + "/repos/" + repo + "/pulls/"
          + n).put("id", 1000 + n).put("number", n).put("state", "open")
          .put("title", body.path("title").asText()).put("body", body.path("body").asText(""))
          .put("draft", body.path("draft").asBoolean(false)).put("merged", false)
          .put("html_url", "https://github.example/" + repo + "/pull/" + n);
      pull.putObject("user").put("login", "baton-bot");
      pull.putObject("head").put("ref", head).put("label", repo.split("/")[0] + ":" + head);
      pull.putObject("base").put("ref", base).put("label", repo.split("/")[0] + ":" + base);
      pulls.get(repo).add(pull);
      send(exchange, 201, pull);
    } else if (number.matches()) {
      int n = Integer.parseInt(number.group(2));
      List<ObjectNode> all = new ArrayList<>(issues.get(repo));
      all.addAll(pulls.get(repo));
      ObjectNode found = all.stream().filter(i -> i.get("number").asInt() == n)
          .filter(i -> number.group(1).equals("issues") || i.has("head")).findFirst()
          .orElse(null);
      if (found == null) {
        send(exchange, 404, error("Not Found"));
      } else if (number.group(3) == null) {
        send(exchange, 200, found);
      } else if (method.equals("POST")) {
        ObjectNode comment = JSON.createObjectNode().put("id", 5000 + next++)
            .put("body", body.path("body").asText())
            .put("html_url", found.get("html_url").asText() + "#issuecomment-" + next);
        comment.putObject("user").put("login", "baton-bot");
        comments.computeIfAbsent(repo + "#" + n, k -> new CopyOnWriteArrayList<>())
            .add(comment);
        send(exchange, 201, comment);
      } else {
        ArrayNode list = JSON.createArrayNode();
        comments.getOrDefault(repo + "#" + n, List.of()).forEach(list::add);
        send(exchange, 200, list);
      }
    } else if (rest.startsWith("/contents/")) {
      String file = java.net.URLDecoder.decode(rest.substring("/contents/".length()),
          StandardCharsets.UTF_8);
      if (method.equals("PUT")) {
        String content = new String(Base64.getDecoder().decode(body.path("content").asText()),
            StandardCharsets.UTF_8);
        boolean exists = files.containsKey(repo + ":" + file);
        if (exists && !body.hasNonNull("sha")) {
          send(exchange, 422, error("Invalid request.\n\n\"sha\" wasn't supplied."));
          return;
        }
        files.put(repo + ":" + file, content);
        ObjectNode reply = JSON.createObjectNode();
        reply.set("content", contentJson(repo, file, content));
        reply.putObject("commit").put("sha", sha("commit:" + file + content));
        send(exchange, exists ? 200 : 201, reply);
        return;
      }
      String content = files.get(repo + ":" + file);
      if (content == null) {
        send(exchange, 404, error("Not Found"));
      } else {
        send(exchange, 200, contentJson(repo, file, content));
      }
    } else {
      send(exchange, 404, error("Not Found"));
    }
  }

  private ObjectNode issueJson(String repo, int n, String title, String body) {
    ObjectNode issue = JSON.createObjectNode().put("url", url() + "/repos/" + repo + "/issues/"
        + n).put("id", 2000 + n).put("number", n).put("state", "open").put("title", title)
        .put("body", body).put("html_url", "https://github.example/" + repo + "/issues/" + n);
    issue.putObject("user").put("login", "octocat");
    issue.putArray("labels");
    return issue;
  }

  private static ObjectNode contentJson(String repo, String path, String content) {
    String encoded = Base64.getMimeEncoder().encodeToString(
        content.getBytes(StandardCharsets.UTF_8)) + "\n";
    return JSON.createObjectNode().put("type", "file").put("encoding", "base64")
        .put("size", content.length()).put("name", path.substring(path.lastIndexOf('/') + 1))
        .put("path", path).put("content", encoded).put("sha", sha(content))
        .put("html_url", "https://github.example/" + repo + "/blob/main/" + path);
  }

  private static String sha(String text) {
    return String.format("%040x", new java.math.BigInteger(1, text.getBytes(
        StandardCharsets.UTF_8)).mod(java.math.BigInteger.TWO.pow(160)));
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("message", message)
        .put("documentation_url", "https://docs.github.com/rest");
  }

  private static ObjectNode validation(String resource, String field, String code,
      String message) {
    ObjectNode reply = error("Validation Failed");
    ObjectNode e = reply.putArray("errors").addObject().put("resource", resource)
        .put("code", code);
    if (field != null) {
      e.put("field", field);
    }
    if (message != null) {
      e.put("message", message);
    }
    return reply;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
