package dev.baton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spec.SpecBinder.Bound;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFieldsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CheckContext ctx = new CheckContext(JSON.createObjectNode(),
      new Bound(null, true, 0, List.of(), List.of(), List.of(), true));
  private final ConfigFields fields = new ConfigFields(ctx);

  @Test
  void aValueOfTheWrongTypeIsNamedWithWhatItIsAndAbsentKeysPass() throws Exception {
    ObjectNode config = (ObjectNode) JSON.readTree("{\"max_model_calls\": 0, \"tools\": [1]}");

    fields.positiveInteger(config, "$.nodes[0].config", "max_model_calls");
    fields.positiveInteger(config, "$.nodes[0].config", "max_tool_calls");
    fields.expect(config, "$.nodes[0].config", "tools", ConfigFields::isStringArray,
        "an array of strings");

    assertThat(ctx.problems()).extracting(SpecProblem::path, SpecProblem::message)
        .containsExactly(
            tuple("$.nodes[0].config.max_model_calls",
                "config 'max_model_calls' must be an integer >= 1 but is "
                    + JsonSchemaCheck.describeValue(config.get("max_model_calls"))),
            tuple("$.nodes[0].config.tools",
                "config 'tools' must be an array of strings but is "
                    + JsonSchemaCheck.describeValue(config.get("tools"))));
  }

  @Test
  void givenMeansNamingSomebody() throws Exception {
    assertThat(ConfigFields.given(null)).isFalse();
    assertThat(ConfigFields.given(json("null"))).isFalse();
    assertThat(ConfigFields.given(json("\"  \""))).isFalse();
    assertThat(ConfigFields.given(json("[]"))).isFalse();
    assertThat(ConfigFields.given(json("\"TenantAdmin\""))).isTrue();
    assertThat(ConfigFields.given(json("[\"alice\"]"))).isTrue();
  }

  @Test
  void aStringArrayHoldsOnlyStrings() throws Exception {
    assertThat(ConfigFields.isStringArray(json("[]"))).isTrue();
    assertThat(ConfigFields.isStringArray(json("[\"a\", \"b\"]"))).isTrue();
    assertThat(ConfigFields.isStringArray(json("[\"a\", 1]"))).isFalse();
    assertThat(ConfigFields.isStringArray(json("\"a\""))).isFalse();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
