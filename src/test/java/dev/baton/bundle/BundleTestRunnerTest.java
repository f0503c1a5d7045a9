package dev.baton.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The expectations of a test case and the rendering of its prompt, with their reasons. */
class BundleTestRunnerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void eachExpectationFailsWithItsReason() throws Exception {
    JsonNode expect = json("{\"contains\": [\"v2\", \"missing\"], \"not_contains\": [\"bad\"],"
        + "\"fields\": {\"/passed\": false, \"/score\": 1, \"/nowhere\": 1}}");
    assertThat(BundleTestRunner.check(expect, "{\"passed\": true, \"score\": 1.0, "
        + "\"v\": \"v2 bad\"}")).containsExactly("output does not contain 'missing'",
            "output contains 'bad'", "/passed is true, expected false", "output has no /nowhere");
    assertThat(BundleTestRunner.check(json("{\"valid_json\": true}"), "plain text"))
        .containsExactly("output is not valid JSON");
    assertThat(BundleTestRunner.check(json("{\"valid_json\": false}"), "{\"a\": 1}"))
        .containsExactly("output is JSON, and the case expects text");
    assertThat(BundleTestRunner.check(json("{\"contains\": [\"ok\"]}"), "ok")).isEmpty();
  }

  @Test
  void rendersInputAndDefaultsAndRefusesAMissingVariable() {
    ObjectNode input = JSON.createObjectNode().put("release", "v1");
    input.putArray("changes").add("a");
    assertThat(BundleTestRunner.render("R {{input.release}} for {{input.who|all}}", input))
        .isEqualTo("R v1 for all");
    assertThat(BundleTestRunner.render("{{input.changes}}", input)).contains("\"a\"");
    assertThatThrownBy(() -> BundleTestRunner.render("{{input.nope}}", input))
        .hasMessageContaining("{{input.nope}}");
  }
}
