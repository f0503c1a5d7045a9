package dev.baton.tool.git;

import static dev.baton.tool.BuiltinTool.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.connector.ConnectorException;
import dev.baton.connector.ConnectorException.Kind;
import dev.baton.tool.BuiltinTool;
import dev.baton.tool.ToolContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.util.FileUtils;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code git} tool ({@code connectors/git.json}): a working copy per run, through JGit, in
 * {@code baton.tools.git.workspace-dir/<run id>}. Clone and push only reach remotes of {@link
 * RemotePolicy}; every file path goes through {@link Workspace}; hooks never run (the clone's
 * {@code core.hooksPath} points nowhere, commits skip verification) and pushes are never
 * forced. Calls of one run are serialized, so parallel branches do not fight over the index.
 * The workspace lives on the engine node's disk: the calls of one agent task always find it;
 * a later task of the run finds it when it runs on the same node or the folder is shared.
 */
@Component
class GitTool implements BuiltinTool {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_READ = 200_000;
  private static final int MAX_DIFF = 20_000;
  private static final int MAX_LIST = 1_000;

  private final Environment env;
  private final Map<String, Object> runLocks = new ConcurrentHashMap<>();

  GitTool(Environment env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "git";
  }

  @Override
  public Reply call(String operation, JsonNode args, ToolContext context) {
    String run = runFolder(context);
    synchronized (runLocks.computeIfAbsent(run, k -> new Object())) {
      Path dir = workspaces().resolve(run);
      try {
        if ("clone".equals(operation)) {
          return new Reply(null, cloneInto(dir, args));
        }
        if (!Files.isDirectory(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
          throw new ConnectorException(Kind.BAD_ARGUMENTS, "this run's workspace has no "
              + "repository yet: call git__clone first", null);
        }
        Workspace workspace = new Workspace(dir);
        try (Git git = Git.open(workspace.root().toFile())) {
          return new Reply(null, switch (operation) {
            case "status" -> status(git);
            case "list_files" -> list(workspace, args.path("path").asText(""));
            case "read_file" -> read(workspace, requiredText(args, "path"));
            case "write_file" -> write(workspace, requiredText(args, "path"),
                args.path("content").asText(""));
            case "delete_file" -> delete(workspace, requiredText(args, "path"));
            case "branch" -> branch(git, requiredText(args, "name"), args.path("start_point")
                .asText(null));
            case "diff" -> diff(git);
            case "commit" -> commit(git, requiredText(args, "message"), context);
            case "push" -> push(git);
            case "log" -> log(git, Math.min(50, Math.max(1, args.path("max").asInt(10))));
            default -> throw new ConnectorException(Kind.BAD_ARGUMENTS, "git has no operation '"
                + operation + "'", null);
          });
        }
      } catch (IOException e) {
        throw new ConnectorException(Kind.FAILED, "git " + operation + " failed: "
            + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
      } catch (GitAPIException e) {
        throw new ConnectorException(Kind.FAILED, "git " + operation + " failed: "
            + e.getMessage(), null);
      }
    }
  }

  private ObjectNode cloneInto(Path dir, JsonNode args) throws IOException, GitAPIException {
    String url = requiredText(args, "url");
    policy().check(url);
    if (Files.isDirectory(dir.resolve(".git"))) {
      try (Git git = Git.open(dir.toFile())) {
        String origin = git.getRepository().getConfig().getString("remote", "origin", "url");
        if (!url.equals(origin)) {
          throw new ConnectorException(Kind.REFUSED, "refused: this run's workspace already "
              + "holds a clone of " + origin + "; one repository per run", null);
        }
        return JSON.createObjectNode().put("cloned", false).put("url", url)
            .put("branch", git.getRepository().getBranch())
            .put("note", "already cloned in this run");
      }
    }
    sweep(dir.getParent());
    Files.createDirectories(dir);
    var clone = Git.cloneRepository().setURI(url).setDirectory(dir.toFile())
        .setCloneSubmodules(false).setTimeout(timeoutSeconds());
    credentials().ifPresent(clone::setCredentialsProvider);
    if (args.hasNonNull("branch")) {
      clone.setBranch(branchName(args.get("branch").asText()));
    }
    try (Git git = clone.call()) {
      var config = git.getRepository().getConfig();
      // no hook of any kind runs in a workspace agents write to
      config.setString("core", null, "hooksPath", dir.resolve(".git/no-hooks").toString());
      config.setBoolean("commit", null, "gpgSign", false);
      config.save();
      return JSON.createObjectNode().put("cloned", true).put("url", url)
          .put("branch", git.getRepository().getBranch())
          .put("head", head(git.getRepository()));
    }
  }

  private static ObjectNode status(Git git) throws GitAPIException, IOException {
    Status s = git.status().call();
    ObjectNode out = JSON.createObjectNode().put("branch", git.getRepository().getBranch())
        .put("clean", s.isClean());
    add(out, "added", s.getAdded());
    add(out, "changed", s.getChanged());
    add(out, "modified", s.getModified());
    add(out, "deleted", union(s.getMissing(), s.getRemoved()));
    add(out, "untracked", s.getUntracked());
    return out;
  }

  private static ObjectNode list(Workspace workspace, String folder) throws IOException {
    Path dir = workspace.resolve(folder);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "no folder '" + folder + "'", null);
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode files = out.putArray("files");
    Path git = workspace.root().resolve(".git");
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir) && !p.startsWith(git))
          .filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .sorted().limit(MAX_LIST + 1L).forEach(p -> files.add(workspace.relative(p)));
    }
    if (files.size() > MAX_LIST) {
      files.remove(MAX_LIST);
      out.put("truncated", true);
    }
    return out;
  }

  private static ObjectNode read(Workspace workspace, String path) throws IOException {
    Path file = workspace.resolve(path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "no file '" + path + "'", null);
    }
    long size = Files.size(file);
    ObjectNode out = JSON.createObjectNode().put("path", workspace.relative(file))
        .put("size", size);
    byte[] bytes;
    try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_READ);
    }
    for (byte b : bytes) {
      if (b == 0) {
        return out.put("binary", true);
      }
    }
    out.put("content", new String(bytes, StandardCharsets.UTF_8));
    if (size > MAX_READ) {
      out.put("truncated", true);
    }
    return out;
  }

  private ObjectNode write(Workspace workspace, String path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    long max = env.getProperty("baton.tools.git.max-file-bytes", Long.class, 1_000_000L);
    if (bytes.length > max) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "content of " + bytes.length
          + " bytes is over the limit of " + max + " (baton.tools.git.max-file-bytes)", null);
    }
    Path file = workspace.resolve(path);
    if (file.equals(workspace.root()) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "'" + path + "' is a folder", null);
    }
    boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    Files.createDirectories(file.getParent());
    workspace.resolve(path); // the folders just made are plain folders: checked again
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    return JSON.createObjectNode().put("path", workspace.relative(file))
        .put("bytes", bytes.length).put("created", !existed);
  }

  private static ObjectNode delete(Workspace workspace, String path) throws IOException {
    Path file = workspace.resolve(path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "no file '" + path + "'", null);
    }
    Files.delete(file);
    return JSON.createObjectNode().put("path", workspace.relative(file)).put("deleted", true);
  }

  private static ObjectNode branch(Git git, String name, String startPoint)
      throws GitAPIException, IOException {
    String branch = branchName(name);
    boolean exists = git.getRepository().findRef("refs/heads/" + branch) != null;
    if (!exists) {
      var create = git.branchCreate().setName(branch);
      if (startPoint != null && !startPoint.isBlank()) {
        create.setStartPoint(branchName(startPoint));
      }
      create.call();
    }
    git.checkout().setName(branch).call();
    return JSON.createObjectNode().put("branch", branch).put("created", !exists)
        .put("head", head(git.getRepository()));
  }

  /** HEAD against the working tree, new files included, ignored files not. */
  private static ObjectNode diff(Git git) throws GitAPIException, IOException {
    Repository repo = git.getRepository();
    Status status = git.status().call();
    Set<String> changed = union(status.getUncommittedChanges(), status.getUntracked());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int files = 0;
    try (ObjectReader reader = repo.newObjectReader();
        DiffFormatter formatter = new DiffFormatter(text)) {
      formatter.setRepository(repo);
      ObjectId tree = repo.resolve("HEAD^{tree}");
      AbstractTreeIterator head = tree == null ? new EmptyTreeIterator()
          : new CanonicalTreeParser(null, reader, tree);
      for (DiffEntry entry : formatter.scan(head, new FileTreeIterator(repo))) {
        String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath()
            : entry.getNewPath();
        if (changed.contains(path)) {
          formatter.format(entry);
          files++;
        }
      }
    }
    String diff = text.toString(StandardCharsets.UTF_8);
    ObjectNode out = JSON.createObjectNode().put("files", files);
    if (diff.length() > MAX_DIFF) {
      out.put("diff", diff.substring(0, MAX_DIFF)).put("truncated", true);
    } else {
      out.put("diff", diff);
    }
    return out;
  }

  private ObjectNode commit(Git git, String message, ToolContext context)
      throws GitAPIException, IOException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call(); // deletions
    String agent = context.agentSlug() == null ? "agent" : context.agentSlug();
    PersonIdent who = new PersonIdent("Baton " + agent,
        env.getProperty("baton.tools.git.author-email", "agents@baton.local"));
    RevCommit commit;
    try {
      commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who)
          .setAllowEmpty(false).setNoVerify(true).setSign(false).call();
    } catch (EmptyCommitException e) {
      throw new ConnectorException(Kind.FAILED, "git commit: nothing to commit (write files "
          + "first)", null);
    }
    return JSON.createObjectNode().put("commit", commit.getName())
        .put("branch", git.getRepository().getBranch())
        .put("message", commit.getShortMessage());
  }

  private ObjectNode push(Git git) throws GitAPIException, IOException {
    Repository repo = git.getRepository();
    var config = repo.getConfig();
    String url = config.getString("remote", "origin", "url");
    String pushUrl = config.getString("remote", "origin", "pushurl");
    policy().check(url);
    if (pushUrl != null) {
      policy().check(pushUrl);
    }
    String branch = repo.getBranch();
    if (ObjectId.isId(branch)) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "no branch is checked out: call "
          + "git__branch first", null);
    }
    var push = git.push().setRemote("origin").setForce(false).setTimeout(timeoutSeconds())
        .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch));
    credentials().ifPresent(push::setCredentialsProvider);
    ArrayNode updates = JSON.createArrayNode();
    boolean ok = true;
    for (PushResult result : push.call()) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        RemoteRefUpdate.Status s = update.getStatus();
        ok &= s == RemoteRefUpdate.Status.OK || s == RemoteRefUpdate.Status.UP_TO_DATE;
        ObjectNode u = updates.addObject().put("ref", update.getRemoteName())
            .put("status", s.name().toLowerCase());
        if (update.getMessage() != null) {
          u.put("message", update.getMessage());
        }
      }
    }
    if (!ok) {
      throw new ConnectorException(Kind.FAILED, "git push of " + branch + " was rejected: "
          + updates, null);
    }
    return JSON.createObjectNode().put("branch", branch).put("remote", url)
        .put("head", head(repo)).set("updates", updates);
  }

  private static ObjectNode log(Git git, int max) throws GitAPIException, IOException {
    ObjectNode out = JSON.createObjectNode().put("branch", git.getRepository().getBranch());
    ArrayNode commits = out.putArray("commits");
    if (git.getRepository().resolve("HEAD") == null) {
      return out;
    }
    for (RevCommit c : git.log().setMaxCount(max).call()) {
      commits.addObject().put("commit", c.getName()).put("author", c.getAuthorIdent().getName())
          .put("message", c.getShortMessage());
    }
    return out;
  }

  private Path workspaces() {
    return Path.of(env.getProperty("baton.tools.git.workspace-dir",
        System.getProperty("java.io.tmpdir") + "/baton-git-workspaces"));
  }

  private RemotePolicy policy() {
    return RemotePolicy.of(env.getProperty("baton.tools.git.allowed-remotes", ""));
  }

  private int timeoutSeconds() {
    return env.getProperty("baton.tools.git.timeout-seconds", Integer.class, 60);
  }

  /** BATON_GIT_TOKEN for HTTPS remotes, read at call time and handed to JGit only. */
  private static java.util.Optional<UsernamePasswordCredentialsProvider> credentials() {
    String token = System.getenv("BATON_GIT_TOKEN");
    if (token == null || token.isBlank()) {
      token = System.getProperty("BATON_GIT_TOKEN");
    }
    return token == null || token.isBlank() ? java.util.Optional.empty()
        : java.util.Optional.of(new UsernamePasswordCredentialsProvider("x-access-token", token));
  }

  /** Workspaces untouched for longer than the retention are removed when a new one is made. */
  private void sweep(Path parent) {
    long hours = env.getProperty("baton.tools.git.retention-hours", Long.class, 24L);
    if (parent == null || !Files.isDirectory(parent)) {
      return;
    }
    long cutoff = System.currentTimeMillis() - hours * 3_600_000L;
    try (Stream<Path> dirs = Files.list(parent)) {
      for (Path d : dirs.toList()) {
        if (Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
          FileUtils.delete(d.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        }
      }
    } catch (IOException e) {
      // a folder another node is sweeping too, or still in use: left for the next sweep
    }
  }

  private static String runFolder(ToolContext context) {
    String run = context.runId();
    if (run == null || !run.matches("[A-Za-z0-9-]{1,64}")) {
      throw new ConnectorException(Kind.NOT_CONFIGURED, "the git tool needs a run (its "
          + "workspace is per run)", null);
    }
    return run;
  }

  private static String branchName(String name) {
    if (name == null || !Repository.isValidRefName("refs/heads/" + name) || name.startsWith("-")) {
      throw new ConnectorException(Kind.BAD_ARGUMENTS, "'" + name + "' is not a valid branch "
          + "name", null);
    }
    return name;
  }

  private static String head(Repository repo) throws IOException {
    ObjectId head = repo.resolve("HEAD");
    return head == null ? null : head.getName();
  }

  private static void add(ObjectNode out, String field, Set<String> paths) {
    ArrayNode list = out.putArray(field);
    new TreeSet<>(paths).forEach(list::add);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
