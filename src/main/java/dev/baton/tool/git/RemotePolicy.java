package dev.baton.tool.git;

import dev.baton.connector.ConnectorException;
import dev.baton.connector.ConnectorException.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which remotes the git tool may clone from and push to: {@code baton.tools.git.allowed-remotes},
 * a comma-separated list of URLs, each exact or ending in {@code *} (a prefix, e.g. {@code
 * https://github.com/acme/*}). None by default: a git tool that could clone any URL could read
 * the server's own files ({@code file://}) or reach internal hosts. URLs with credentials,
 * {@code ..} segments, whitespace or transports other than https and file (JGit's ssh needs a
 * module Baton does not ship) are refused whatever the list says.
 */
record RemotePolicy(List<String> allowed) {

  private static final Pattern SCHEME = Pattern.compile("(https|file)://.+");

  static RemotePolicy of(String setting) {
    return new RemotePolicy(setting == null ? List.of() : Arrays.stream(setting.split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  /** @throws ConnectorException {@code REFUSED} unless the URL is allowed */
  void check(String url) {
    if (url == null || !SCHEME.matcher(url).matches() || url.chars().anyMatch(
        Character::isWhitespace) || url.contains("/../") || url.endsWith("/..")
        || url.contains("\\") || url.toLowerCase(Locale.ROOT).contains("%2e")
        || userInfo(url)) {
      throw new ConnectorException(Kind.REFUSED, "refused: remote '" + shorten(url) + "' is "
          + "not a plain https or file URL (no credentials, no '..')", null);
    }
    if (allowed.isEmpty()) {
      throw new ConnectorException(Kind.REFUSED, "refused: no remote is allowed; an operator "
          + "sets baton.tools.git.allowed-remotes", null);
    }
    String wanted = normal(url);
    boolean ok = allowed.stream().anyMatch(a -> a.endsWith("*")
        ? wanted.startsWith(normal(a.substring(0, a.length() - 1)))
        : wanted.equals(normal(a)));
    if (!ok) {
      throw new ConnectorException(Kind.REFUSED, "refused: remote '" + shorten(url) + "' is not "
          + "among the allowed remotes " + allowed + " (baton.tools.git.allowed-remotes)", null);
    }
  }

  private static boolean userInfo(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    // a user or token in the URL would end up in logs and the workspace's config
    return authority.contains("@");
  }

  private static String normal(String url) {
    String u = url.strip();
    return u.startsWith("file:") ? u : u.toLowerCase(Locale.ROOT);
  }

  private static String shorten(String url) {
    return url == null ? "" : url.length() > 120 ? url.substring(0, 120) + "..." : url;
  }
}
