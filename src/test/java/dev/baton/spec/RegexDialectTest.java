package dev.baton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RE2 patterns: what is accepted, what is refused and why, and that refusing is cheap. */
class RegexDialectTest {

  @ParameterizedTest
  @ValueSource(strings = {"^feat/", "^(.*a){10}b", "(?i)release-\\d+\\.\\d+", "\\p{L}+",
      "[[:alpha:]]+", "\\Qa.b\\E", "(?P<major>\\d+)", "a{2,1000}", "(a{100}){10}"})
  void acceptsRe2Patterns(String pattern) {
    assertThat(RegexDialect.problem(pattern, 1000)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1", "a(?=b)", "(?<!x)y", "a++", "feat/(", "a{1001}"})
  void refusesWhatRe2CannotMatchInLinearTime(String pattern) {
    assertThat(RegexDialect.problem(pattern, 1000)).get().asString()
        .startsWith("not a valid RE2 regular expression");
  }

  @Test
  void refusesNestedRepetitionsBeforeCompilingThem() {
    // RE2/J would build a billion instructions for this one and run out of heap
    long started = System.nanoTime();
    assertThat(RegexDialect.problem("((a{1000}){1000}){1000}", 1000)).get().asString()
        .contains("nested counted repetitions");
    assertThat(RegexDialect.problem("(a{1000}){1000}", 1000)).isPresent();
    assertThat(RegexDialect.problem("((((((((((a*){9}){9}){9}){9}){9}){9}){9}){9}){9}){9}",
        1000)).isPresent();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
  }

  @Test
  void refusesLongPatternsAndSaysTheLimit() {
    assertThat(RegexDialect.problem("a".repeat(11), 10)).get().asString()
        .isEqualTo("the pattern is 11 characters long; the limit is 10");
    assertThatThrownBy(() -> RegexDialect.compile("a".repeat(11), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEstimateBoundsWhatRe2Builds() {
    assertThat(new RegexDialect.Estimate("abc").size()).isEqualTo(3);
    assertThat(new RegexDialect.Estimate("(ab)*").size()).isEqualTo(6);
    assertThat(new RegexDialect.Estimate("a{3}").size()).isEqualTo(8);
    assertThat(new RegexDialect.Estimate("[{}(]{2}").size()).isEqualTo(6);
    assertThat(new RegexDialect.Estimate("\\{(").size()).isGreaterThan(1);
  }
}
