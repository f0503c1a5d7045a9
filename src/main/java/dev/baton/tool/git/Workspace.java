package dev.baton.tool.git;

import dev.baton.connector.ConnectorException;
import dev.baton.connector.ConnectorException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * One run's working copy, and the only door to its files: a path an agent names must be
 * relative, without {@code ..}, not inside {@code .git} (its hooks and config would be code and
 * credentials), and must not pass through a symbolic link (a cloned repository may carry links
 * that point anywhere). Whatever {@link #resolve} returns lies inside the workspace.
 */
final class Workspace {

  private final Path root;

  /** @param root an existing folder; its real path is the boundary */
  Workspace(Path root) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  /**
   * The file or folder an agent means.
   *
   * @param relative a path relative to the repository root; blank for the root itself
   * @throws ConnectorException {@code REFUSED} for any path that could leave the workspace
   */
  Path resolve(String relative) {
    if (relative == null || relative.isBlank() || relative.equals(".")) {
      return root;
    }
    String text = relative.replace('\\', '/');
    if (text.indexOf('\0') >= 0 || text.startsWith("/") || text.matches("^[A-Za-z]:.*")
        || text.startsWith("~")) {
      throw refused(relative, "absolute paths are not allowed");
    }
    Path path = root;
    for (String segment : text.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw refused(relative, "'..' is not allowed");
      }
      if (path.equals(root) && segment.equalsIgnoreCase(".git")) {
        throw refused(relative, "the repository's .git folder is not open to agents");
      }
      path = path.resolve(segment);
      if (Files.isSymbolicLink(path)) {
        throw refused(relative, "it passes through a symbolic link");
      }
    }
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw refused(relative, "it is outside the workspace");
    }
    // an existing target's real path must still be inside (a link swapped in meanwhile)
    if (Files.exists(normal, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (!normal.toRealPath().startsWith(root)) {
          throw refused(relative, "it is outside the workspace");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return normal;
  }

  /** The path relative to the root, with '/' separators, as git and the agent see it. */
  String relative(Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static ConnectorException refused(String path, String why) {
    String shown = path.length() > 120 ? path.substring(0, 120) + "..." : path;
    return new ConnectorException(Kind.REFUSED, "refused: path '" + shown + "' - " + why
        + "; use a path relative to the repository root", null);
  }
}
