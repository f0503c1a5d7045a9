package dev.baton.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.llm.Redactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where redaction applies, and what keep-original, review-form and redact-input change. */
class PrivacyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Privacy privacy(boolean keepOriginal, boolean reviewForm, boolean input) {
    PrivacyProperties settings = new PrivacyProperties(true, PrivacyProperties.BUILT_IN,
        keepOriginal, reviewForm, input, true, Map.of());
    return new Privacy(settings, PiiRedactor.of(settings, Redactor.patternsOnly()));
  }

  @Test
  void outputsAreRedactedDeeplyKeepingTheirShapeAndNumbers() throws Exception {
    JsonNode output = JSON.readTree("{\"output\": {\"contact\": \"mail a@b.example\", "
        + "\"cards\": [4111111111111111, \"5500 0000 0000 0004\"], \"a@b.example\": 2}, "
        + "\"model\": \"gpt-4o-2024-08-06\", \"cost_usd\": 0.0012, \"usage\": "
        + "{\"input_tokens\": 1733200000123}}");
    JsonNode redacted = privacy(false, true, false).output(output);
    assertThat(redacted.toString()).isEqualTo("{\"output\":{\"contact\":\"mail "
        + "[redacted:email]\",\"cards\":[\"[redacted:card]\",\"[redacted:card]\"],"
        + "\"a@b.example\":2},\"model\":\"gpt-4o-2024-08-06\",\"cost_usd\":0.0012,"
        + "\"usage\":{\"input_tokens\":1733200000123}}");
    // the original is not changed in place
    assertThat(output.at("/output/contact").asText()).isEqualTo("mail a@b.example");
  }

  @Test
  void theJournalKeepsTheOriginalOnlyWhenAllowed() throws Exception {
    JsonNode output = JSON.readTree("{\"output\": \"call +1 415 555 0134\"}");
    assertThat(privacy(false, true, false).journal(output).path("output").asText())
        .isEqualTo("call [redacted:phone]");
    assertThat(privacy(true, true, false).journal(output)).isSameAs(output);
    // kept or not, the output as stored is redacted
    assertThat(privacy(true, true, false).output(output).path("output").asText())
        .isEqualTo("call [redacted:phone]");
  }

  @Test
  void reviewFormAndInputFollowTheirSettings() throws Exception {
    String form = "#### Draft\n\nmail a@b.example\n";
    assertThat(privacy(false, true, false).reviewForm(form)).doesNotContain("a@b.example");
    assertThat(privacy(false, false, false).reviewForm(form)).isEqualTo(form);
    JsonNode input = JSON.readTree("{\"task\": \"mail a@b.example\"}");
    assertThat(privacy(false, true, false).input(input)).isSameAs(input);
    assertThat(privacy(false, true, true).input(input).path("task").asText())
        .isEqualTo("mail [redacted:email]");
  }

  @Test
  void messagesAreAlwaysRedactedAndOffRedactsNothing() {
    assertThat(privacy(true, false, false).message("refused: mail a@b.example"))
        .isEqualTo("refused: mail [redacted:email]");
    assertThat(privacy(false, true, false).message(null)).isNull();
    assertThat(Privacy.off().message("mail a@b.example")).isEqualTo("mail a@b.example");
    assertThat(Privacy.off().reviewForm("mail a@b.example")).isEqualTo("mail a@b.example");
    assertThat(List.of(Privacy.defaults().message("4111111111111111")))
        .containsExactly("[redacted:card]");
  }
}
