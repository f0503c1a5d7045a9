package dev.baton.tool.meta;

import dev.baton.run.TreeLimits;
import org.springframework.core.env.Environment;

/**
 * {@code baton.tools.meta.*}, read at call time (an operator's change, or a test's system
 * property, applies to the next call): how deep and wide the run trees agents grow may be.
 */
final class MetaSettings {

  private MetaSettings() {}

  static TreeLimits limits(Environment env) {
    return new TreeLimits(
        env.getProperty("baton.tools.meta.max-depth", Integer.class, 2),
        env.getProperty("baton.tools.meta.max-children-per-run", Integer.class, 5),
        env.getProperty("baton.tools.meta.max-runs-per-tree", Integer.class, 20));
  }
}
