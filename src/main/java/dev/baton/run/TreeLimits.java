package dev.baton.run;

import java.util.Optional;

/**
 * How far a run tree may grow: runs started by agents (meta-tools) from inside other runs.
 *
 * @param maxDepth the deepest a child may be (a run started by a person is at depth 0)
 * @param maxChildrenPerRun children one run may start
 * @param maxRunsPerTree children, grandchildren ... under one root together
 */
public record TreeLimits(int maxDepth, int maxChildrenPerRun, int maxRunsPerTree) {

  /**
   * Why a run at {@code parentDepth} that has {@code children} children, in a tree of {@code
   * descendants} started runs, may not start one more; empty when it may.
   */
  public Optional<String> refusal(int parentDepth, int children, int descendants) {
    if (parentDepth + 1 > maxDepth) {
      return Optional.of("a child run would be at depth " + (parentDepth + 1)
          + ", deeper than the limit of " + maxDepth + " (baton.tools.meta.max-depth)");
    }
    if (children >= maxChildrenPerRun) {
      return Optional.of("this run has started " + children + " child run(s), the limit per run "
          + "(baton.tools.meta.max-children-per-run)");
    }
    if (descendants >= maxRunsPerTree) {
      return Optional.of("this run tree has " + descendants + " started run(s), the limit per "
          + "tree (baton.tools.meta.max-runs-per-tree)");
    }
    return Optional.empty();
  }
}
