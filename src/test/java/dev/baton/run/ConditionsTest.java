package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.spec.Operator;
import org.junit.jupiter.api.Test;

/**
 * {@code matches} at run time: RE2/J, so a pattern that makes a backtracking engine take
 * exponential time answers at once (java.util.regex took 34 s of a job thread for this one).
 */
class ConditionsTest {

  @Test
  void catastrophicPatternAnswersInMilliseconds() {
    String input = "a".repeat(100_000);
    long started = System.nanoTime();
    boolean matched = Conditions.compare(TextNode.valueOf(input), Operator.MATCHES,
        TextNode.valueOf("^(.*a){10}b"));
    long ms = (System.nanoTime() - started) / 1_000_000;

    assertThat(matched).isFalse();
    // generous: this guards an exponential blow-up, not speed
    assertThat(ms).as("matching took %d ms", ms).isLessThan(2_000);
  }

  @Test
  void matchesFindsThePatternAnywhereInTheValue() {
    assertThat(Conditions.compare(TextNode.valueOf("feat/login"), Operator.MATCHES,
        TextNode.valueOf("^feat/"))).isTrue();
    assertThat(Conditions.compare(TextNode.valueOf("fix/feat/"), Operator.MATCHES,
        TextNode.valueOf("^feat/"))).isFalse();
    assertThat(Conditions.compare(JsonNodeFactory.instance.numberNode(42), Operator.MATCHES,
        TextNode.valueOf("^4\\d$"))).isTrue();
    assertThat(Conditions.compare(JsonNodeFactory.instance.arrayNode(), Operator.MATCHES,
        TextNode.valueOf(".*"))).isFalse();
  }

  @Test
  void aPatternRefusedAtDeployTimeFailsAtRunTimeToo() {
    assertThatThrownBy(() -> Conditions.compare(TextNode.valueOf("x"), Operator.MATCHES,
        TextNode.valueOf("((a{1000}){1000}){1000}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested");
  }
}
