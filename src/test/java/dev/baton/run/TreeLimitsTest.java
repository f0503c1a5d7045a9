package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TreeLimitsTest {

  private final TreeLimits limits = new TreeLimits(2, 3, 5);

  @Test
  void aChildFitsWhileDepthChildrenAndTreeAreUnderTheirLimits() {
    assertThat(limits.refusal(0, 0, 0)).isEmpty();
    assertThat(limits.refusal(1, 2, 4)).isEmpty();
  }

  @Test
  void aChildDeeperThanTheLimitIsRefused() {
    assertThat(limits.refusal(2, 0, 0)).get().asString()
        .contains("depth 3").contains("limit of 2").contains("max-depth");
    assertThat(new TreeLimits(0, 5, 20).refusal(0, 0, 0)).isPresent();
  }

  @Test
  void theChildrenOfOneRunAreCounted() {
    assertThat(limits.refusal(0, 3, 3)).get().asString()
        .contains("3 child run(s)").contains("max-children-per-run");
  }

  @Test
  void theRunsOfAWholeTreeAreCounted() {
    assertThat(limits.refusal(1, 0, 5)).get().asString()
        .contains("5 started run(s)").contains("max-runs-per-tree");
  }
}
