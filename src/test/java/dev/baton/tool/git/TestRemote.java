package dev.baton.tool.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare repository in a folder, standing in for a team's remote: one commit on {@code main}
 * with a README; tests read its branches and files back to see what an agent pushed.
 */
public final class TestRemote {

  private final Path bare;

  private TestRemote(Path bare) {
    this.bare = bare;
  }

  public static TestRemote create(Path dir) throws IOException, GitAPIException {
    Path bare = dir.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    Path seed = dir.resolve("seed");
    try (Git git = Git.cloneRepository().setURI(bare.toUri().toString())
        .setDirectory(seed.toFile()).call()) {
      git.checkout().setOrphan(true).setName("main").call();
      Files.writeString(seed.resolve("README.md"), "# Todo\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Initial commit").setAuthor("Seed", "seed@example.com")
          .setCommitter("Seed", "seed@example.com").setSign(false).call();
      git.push().setRemote("origin").add("main").call();
    }
    return new TestRemote(bare);
  }

  /** The URL agents clone, {@code file:///...}. */
  public String url() {
    return bare.toUri().toString();
  }

  public boolean hasBranch(String branch) {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      return repo.findRef("refs/heads/" + branch) != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** A file's text on a branch, or null. */
  public String file(String branch, String path) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve("refs/heads/" + branch);
      if (head == null) {
        return null;
      }
      RevCommit commit = walk.parseCommit(head);
      try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
        if (tree == null) {
          return null;
        }
        ObjectLoader loader = repo.open(tree.getObjectId(0));
        return new String(loader.getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  public RevCommit head(String branch) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(repo.resolve("refs/heads/" + branch));
    }
  }
}
