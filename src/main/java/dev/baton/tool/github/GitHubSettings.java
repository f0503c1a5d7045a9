package dev.baton.tool.github;

import java.util.Arrays;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * {@code baton.tools.github.*}, read at call time (so an operator's change, or a test's system
 * property, applies to the next call):
 *
 * @param apiUrl the REST API's base, {@code https://api.github.com} or a GitHub Enterprise
 *     {@code https://host/api/v3}
 * @param tokenVariable the environment variable holding the token ({@code BATON_GITHUB_TOKEN});
 *     the token itself is never a setting, a variable or a log line
 * @param repositories {@code owner/repo}, {@code owner/*} or {@code *} (the default)
 * @param operations the operations agents may call, or {@code *} (the default) for all
 */
record GitHubSettings(String apiUrl, String tokenVariable, List<String> repositories,
    List<String> operations) {

  static GitHubSettings from(Environment env) {
    return new GitHubSettings(
        strip(env.getProperty("baton.tools.github.api-url", "https://api.github.com")),
        env.getProperty("baton.tools.github.token-variable", "BATON_GITHUB_TOKEN"),
        list(env.getProperty("baton.tools.github.repositories", "*")),
        list(env.getProperty("baton.tools.github.operations", "*")));
  }

  boolean allowsRepository(String owner, String repo) {
    String full = (owner + "/" + repo).toLowerCase();
    return repositories.stream().map(String::toLowerCase).anyMatch(p -> p.equals("*")
        || p.equals(full) || (p.endsWith("/*") && p.substring(0, p.length() - 2)
            .equals(owner.toLowerCase())));
  }

  boolean allowsOperation(String operation) {
    return operations.contains("*") || operations.contains(operation);
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
