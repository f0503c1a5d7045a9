package dev.baton.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JuelText#literal} against Camunda's own expression manager: every escaped text is
 * literal text for the engine (nothing is evaluated) and evaluates to exactly the original,
 * backslashes included. Checked on the reported attacks, on every string of up to six
 * characters over the characters that matter, and on random longer ones.
 */
class JuelTextTest {

  private static final char[] SPECIAL = {'$', '#', '{', '}', '\\', 'a'};

  @ParameterizedTest
  @ValueSource(strings = {
      "${environment.getProperty('user.name')}",
      "#{''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/pwned')}",
      "Review ${x} and #{y}",
      "\\${x}",
      "\\\\${x}",
      "\\\\\\#{x}",
      "$${x}",
      "#${x}",
      "${",
      "#{",
      "a\\b",
      "a\\\\b",
      "ends with \\",
      "\\",
      "quotes \" and ' and </name> & <x/>",
      "",
      "plain name"})
  void escapedTextIsLiteralAndReadsBackUnchanged(String text) {
    String escaped = JuelText.literal(text);

    assertThat(CamundaJuel.isLiteral(escaped)).as("literal: %s", escaped).isTrue();
    assertThat(CamundaJuel.literalValue(escaped)).isEqualTo(text);
  }

  @Test
  void unescapedExpressionsAreNotLiteral() {
    // the check above can fail: this is what the engine evaluates
    assertThat(CamundaJuel.isLiteral("${environment.getProperty('user.name')}")).isFalse();
    assertThat(CamundaJuel.isLiteral("Review #{x}")).isFalse();
    assertThat(CamundaJuel.isLiteral("$${x}")).isFalse();
    // n backslashes before ${ are n-1 backslashes and a literal ${ (the scanner's rule)
    assertThat(CamundaJuel.literalValue("\\\\${x}")).isEqualTo("\\${x}");
  }

  @Test
  void everyShortStringOverTheSpecialCharactersRoundTrips() {
    List<String> texts = new ArrayList<>();
    texts.add("");
    for (int length = 1; length <= 6; length++) {
      int total = (int) Math.pow(SPECIAL.length, length);
      for (int n = 0; n < total; n++) {
        StringBuilder text = new StringBuilder();
        for (int k = 0, rest = n; k < length; k++, rest /= SPECIAL.length) {
          text.append(SPECIAL[rest % SPECIAL.length]);
        }
        texts.add(text.toString());
      }
    }
    for (String text : texts) {
      String escaped = JuelText.literal(text);
      assertThat(CamundaJuel.isLiteral(escaped)).as("literal: [%s] -> [%s]", text, escaped)
          .isTrue();
      assertThat(CamundaJuel.literalValue(escaped)).as("[%s]", text).isEqualTo(text);
    }
    assertThat(texts).hasSize(1 + 6 + 36 + 216 + 1296 + 7776 + 46656);
  }

  @Test
  void randomLongerStringsRoundTrip() {
    Random random = new Random(12);
    String alphabet = "${}#\\'\"<>&ab é\u00e9\ud83d\ude00";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int k = 0; k < length; k++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String escaped = JuelText.literal(text.toString());
      assertThat(CamundaJuel.isLiteral(escaped)).isTrue();
      assertThat(CamundaJuel.literalValue(escaped)).isEqualTo(text.toString());
    }
  }

  @Test
  void shortenedTextStaysLiteralAndWithinTheLimit() {
    String text = "${x}".repeat(100);
    String escaped = JuelText.literal(text, 255);

    assertThat(escaped.length()).isLessThanOrEqualTo(255);
    assertThat(CamundaJuel.isLiteral(escaped)).isTrue();
    assertThat((String) CamundaJuel.literalValue(escaped)).endsWith("…")
        .startsWith("${x}${x}");
    assertThat(JuelText.literal("short", 255)).isEqualTo("short");
  }
}
