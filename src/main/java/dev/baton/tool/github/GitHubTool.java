package dev.baton.tool.github;

import static dev.baton.tool.BuiltinTool.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.connector.ConnectorException;
import dev.baton.connector.ConnectorException.Kind;
import dev.baton.tool.BuiltinTool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code github} tool ({@code connectors/github.json}): issues, pull requests, comments and
 * file contents over GitHub's REST API. Each call checks the operation and the repository
 * against {@link GitHubSettings}, reads the token from the environment, and hands the model a
 * small result of the fields that matter rather than GitHub's whole reply.
 */
@Component
class GitHubTool implements BuiltinTool {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** GitHub's own rule for owner and repository names, so nothing else reaches the URL. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9_./-]{1,200}");

  private final Environment env;
  private final GitHubApi api;

  GitHubTool(Environment env, ToolSettings settings) {
    this.env = env;
    this.api = new GitHubApi(settings.httpTimeout());
  }

  @Override
  public String name() {
    return "github";
  }

  @Override
  public Reply call(String operation, JsonNode args, ToolContext context) {
    GitHubSettings settings = GitHubSettings.from(env);
    if (!settings.allowsOperation(operation)) {
      throw new ConnectorException(Kind.REFUSED, "refused: github." + operation + " is not "
          + "among the allowed operations " + settings.operations()
          + " (baton.tools.github.operations)", null);
    }
    String owner = name(args, "owner");
    String repo = name(args, "repo");
    if (!settings.allowsRepository(owner, repo)) {
      throw new ConnectorException(Kind.REFUSED, "refused: repository " + owner + "/" + repo
          + " is not among the allowed repositories " + settings.repositories()
          + " (baton.tools.github.repositories)", null);
    }
    String token = token(settings);
    String base = settings.apiUrl() + "/repos/" + owner + "/" + repo;
    String where = owner + "/" + repo;
    return switch (operation) {
      case "list_issues" -> {
        GitHubApi.Answer a = api.send("GET", base + "/issues?per_page=50&state="
            + state(args), null, token, "the issues of " + where);
        ArrayNode issues = JSON.createArrayNode();
        a.body().forEach(i -> issues.add(issue(i).put("pull_request", i.has("pull_request"))));
        yield reply(a, JSON.createObjectNode().set("issues", issues));
      }
      case "get_issue" -> {
        int n = number(args);
        GitHubApi.Answer a = api.send("GET", base + "/issues/" + n, null, token,
            "issue #" + n + " of " + where);
        yield reply(a, issue(a.body()).put("body", a.body().path("body").asText("")));
      }
      case "create_issue" -> {
        ObjectNode body = JSON.createObjectNode().put("title", requiredText(args, "title"))
            .put("body", args.path("body").asText(""));
        if (args.path("labels").isArray()) {
          body.set("labels", args.get("labels"));
        }
        GitHubApi.Answer a = api.send("POST", base + "/issues", body, token,
            "opening an issue in " + where);
        yield reply(a, issue(a.body()));
      }
      case "list_comments" -> {
        int n = number(args);
        GitHubApi.Answer a = api.send("GET", base + "/issues/" + n + "/comments?per_page=50",
            null, token, "the comments of #" + n + " of " + where);
        ArrayNode comments = JSON.createArrayNode();
        a.body().forEach(c -> comments.addObject().put("id", c.path("id").asLong())
            .put("user", c.at("/user/login").asText()).put("body", c.path("body").asText()));
        yield reply(a, JSON.createObjectNode().set("comments", comments));
      }
      case "comment" -> {
        int n = number(args);
        GitHubApi.Answer a = api.send("POST", base + "/issues/" + n + "/comments",
            JSON.createObjectNode().put("body", requiredText(args, "body")), token,
            "a comment on #" + n + " of " + where);
        yield reply(a, JSON.createObjectNode().put("id", a.body().path("id").asLong())
            .put("html_url", a.body().path("html_url").asText()));
      }
      case "list_pull_requests" -> {
        GitHubApi.Answer a = api.send("GET", base + "/pulls?per_page=50&state=" + state(args),
            null, token, "the pull requests of " + where);
        ArrayNode pulls = JSON.createArrayNode();
        a.body().forEach(p -> pulls.add(pull(p)));
        yield reply(a, JSON.createObjectNode().set("pull_requests", pulls));
      }
      case "get_pull_request" -> {
        int n = number(args);
        GitHubApi.Answer a = api.send("GET", base + "/pulls/" + n, null, token,
            "pull request #" + n + " of " + where);
        yield reply(a, pull(a.body()).put("body", a.body().path("body").asText(""))
            .put("merged", a.body().path("merged").asBoolean(false)));
      }
      case "create_pull_request" -> {
        ObjectNode body = JSON.createObjectNode().put("title", requiredText(args, "title"))
            .put("head", ref(args, "head")).put("base", ref(args, "base"))
            .put("body", args.path("body").asText(""))
            .put("draft", args.path("draft").asBoolean(false));
        GitHubApi.Answer a = api.send("POST", base + "/pulls", body, token,
            "a pull request from " + body.get("head").asText() + " into "
                + body.get("base").asText() + " of " + where);
        yield reply(a, pull(a.body()));
      }
      case "get_file" -> {
        String path = path(args);
        String url = base + "/contents/" + path + (args.hasNonNull("ref")
            ? "?ref=" + encode(ref(args, "ref")) : "");
        GitHubApi.Answer a = api.send("GET", url, null, token, path + " in " + where);
        yield reply(a, contents(a.body()));
      }
      case "put_file" -> {
        String path = path(args);
        ObjectNode body = JSON.createObjectNode().put("message", requiredText(args, "message"))
            .put("content", Base64.getEncoder().encodeToString(
                requiredText(args, "content").getBytes(StandardCharsets.UTF_8)));
        if (args.hasNonNull("branch")) {
          body.put("branch", ref(args, "branch"));
        }
        if (args.hasNonNull("sha")) {
          body.put("sha", args.get("sha").asText());
        }
        GitHubApi.Answer a = api.send("PUT", base + "/contents/" + path, body, token,
            "writing " + path + " in " + where);
        yield reply(a, JSON.createObjectNode().put("path", a.body().at("/content/path").asText())
            .put("sha", a.body().at("/content/sha").asText())
            .put("commit", a.body().at("/commit/sha").asText()));
      }
      default -> throw new ConnectorException(Kind.BAD_ARGUMENTS, "github has no operation '"
          + operation + "'", null);
    };
  }

  private static Reply reply(GitHubApi.Answer answer, ObjectNode output) {
    return new Reply(answer.status(), output);
  }

  private static ObjectNode issue(JsonNode i) {
    return JSON.createObjectNode().put("number", i.path("number").asInt())
        .put("title", i.path("title").asText()).put("state", i.path("state").asText())
        .put("user", i.at("/user/login").asText()).put("html_url", i.path("html_url").asText());
  }

  private static ObjectNode pull(JsonNode p) {
    return JSON.createObjectNode().put("number", p.path("number").asInt())
        .put("title", p.path("title").asText()).put("state", p.path("state").asText())
        .put("head", p.at("/head/ref").asText()).put("base", p.at("/base/ref").asText())
        .put("draft", p.path("draft").asBoolean(false))
        .put("html_url", p.path("html_url").asText());
  }

  /** A file decoded to text, or a folder's entries. */
  private static ObjectNode contents(JsonNode body) {
    if (body.isArray()) {
      ObjectNode dir = JSON.createObjectNode().put("type", "dir");
      ArrayNode entries = dir.putArray("entries");
      body.forEach(e -> entries.addObject().put("name", e.path("name").asText())
          .put("path", e.path("path").asText()).put("type", e.path("type").asText()));
      return dir;
    }
    ObjectNode file = JSON.createObjectNode().put("type", body.path("type").asText("file"))
        .put("path", body.path("path").asText()).put("sha", body.path("sha").asText())
        .put("size", body.path("size").asLong());
    if ("base64".equals(body.path("encoding").asText())) {
      byte[] bytes = Base64.getMimeDecoder().decode(body.path("content").asText(""));
      file.put("content", new String(bytes, StandardCharsets.UTF_8));
    }
    return file;
  }

  private String token(GitHubSettings settings) {
    String name = settings.tokenVariable();
    String token = System.getenv(name);
    if (token == null || token.isBlank()) {
      token = System.getProperty(name); // tests, like the connectors' secrets
    }
    if (token == null || token.isBlank()) {
      throw new ConnectorException(Kind.NOT_CONFIGURED, "tool 'github' is not configured: set "
          + "the environment variable " + name, null);
    }
    return token;
  }

  private static String name(JsonNode args, String field) {
    String value = requiredText(args, field);
    if (!NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "'" + field + "' must be a GitHub name "
          + "(letters, digits, '-', '_' and '.'), not '" + shorten(value) + "'", null);
    }
    return value;
  }

  private static String ref(JsonNode args, String field) {
    String value = requiredText(args, field);
    if (!REF.matcher(value).matches() || value.contains("..")) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "'" + field + "' is not a valid branch "
          + "or ref: '" + shorten(value) + "'", null);
    }
    return value;
  }

  /** A repository path, each segment URL-encoded; no empty, '.' or '..' segments. */
  private static String path(JsonNode args) {
    String value = requiredText(args, "path");
    StringBuilder out = new StringBuilder();
    for (String segment : value.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new ConnectorException(Kind.BAD_ARGUMENTS, "'path' must be relative to the "
            + "repository root without empty, '.' or '..' segments: '" + shorten(value) + "'",
            null);
      }
      out.append(out.length() == 0 ? "" : "/").append(encode(segment));
    }
    return out.toString();
  }

  private static String state(JsonNode args) {
    String state = args.path("state").asText("open");
    if (!state.equals("open") && !state.equals("closed") && !state.equals("all")) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "'state' must be open, closed or all",
          null);
    }
    return state;
  }

  private static int number(JsonNode args) {
    JsonNode n = args.path("number");
    if (!n.canConvertToInt() || n.asInt() <= 0) {
      if (n.isTextual() && n.asText().matches("\\d{1,9}")) {
        return Integer.parseInt(n.asText());
      }
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "'number' must be a positive integer",
          null);
    }
    return n.asInt();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
