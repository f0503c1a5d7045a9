package dev.baton.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.problem.InvalidFieldException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filling templates: typed values, text, defaults, and refused parameters. */
class TemplateFillerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TemplateLibrary SHIPPED = new TemplateLibrary(Path.of("processes/templates"));

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void theShippedTemplatesAreAllThereAndFillWithTheirDefaults() {
    assertThat(SHIPPED.all()).extracting(Template::id).containsExactly("bugfix", "code-review",
        "critic-refine", "deployment", "development-cycle", "documentation", "erp-module-development",
        "map-reduce-research", "security-audit", "tree-of-thoughts");
    for (Template t : SHIPPED.all()) {
      JsonNode spec = TemplateFiller.fill(t, null);
      assertThat(spec.toString()).as(t.id()).doesNotContain("{{params.");
      assertThat(t.parameters()).as(t.id()).isNotEmpty();
      assertThat(t.title()).isNotBlank();
    }
  }

  @Test
  void aWholePlaceholderKeepsTheTypeTextIsFilledIn() throws Exception {
    Template bugfix = SHIPPED.find("bugfix").orElseThrow();
    JsonNode spec = TemplateFiller.fill(bugfix, json("{\"max_attempts\": 5, \"budget_usd\": 1.5, "
        + "\"name\": \"Fix login\"}"));
    assertThat(spec.at("/metadata/budget_usd").isNumber()).isTrue();
    assertThat(spec.at("/metadata/budget_usd").asDouble()).isEqualTo(1.5);
    assertThat(spec.at("/metadata/name").asText()).isEqualTo("Fix login");
    assertThat(spec.at("/nodes/3/config/max_iterations").asInt()).isEqualTo(5);
    Template docs = SHIPPED.find("documentation").orElseThrow();
    assertThat(TemplateFiller.fill(docs, json("{\"audience\": \"operators\"}"))
        .at("/metadata/description").asText()).isEqualTo("Documentation for operators");
    // an array parameter stays an array
    JsonNode cycle = TemplateFiller.fill(SHIPPED.find("development-cycle").orElseThrow(), null);
    assertThat(cycle.at("/nodes/2/config/tools").toString()).isEqualTo("[\"git\",\"github\"]");
  }

  @Test
  void badParametersNameTheFieldAndWhatWouldFixIt() {
    Template bugfix = SHIPPED.find("bugfix").orElseThrow();
    for (var bad : List.of(
        List.of("{\"colour\": \"red\"}", "$.parameters.colour", "has no parameter 'colour'"),
        List.of("{\"max_attempts\": \"many\"}", "$.parameters.max_attempts", "must be a integer"),
        List.of("{\"max_attempts\": 99}", "$.parameters.max_attempts", "between 1 and 10"),
        List.of("{\"budget_usd\": -1}", "$.parameters.budget_usd", "between 0 and 1000"),
        List.of("[1, 2]", "$.parameters", "must be an object"))) {
      assertThatThrownBy(() -> TemplateFiller.fill(bugfix, json(bad.get(0))))
          .as(bad.get(0)).isInstanceOfSatisfying(InvalidFieldException.class,
              e -> assertThat(e.path()).isEqualTo(bad.get(1)))
          .hasMessageContaining(bad.get(2));
    }
    Template audit = SHIPPED.find("security-audit").orElseThrow();
    assertThatThrownBy(() -> TemplateFiller.fill(audit, JSON.createObjectNode()
        .put("severity_threshold", "extreme"))).hasMessageContaining("must be one of [low, ");
  }

  @Test
  void aParameterWithoutDefaultIsRequired() throws Exception {
    Template t = TemplateLibrary.parse("t", json("{\"parameters\": {\"team\": {\"type\": "
        + "\"string\"}}, \"spec\": {\"metadata\": {\"name\": \"{{params.team}} work\"}}}"));
    assertThatThrownBy(() -> TemplateFiller.fill(t, null))
        .isInstanceOfSatisfying(InvalidFieldException.class,
            e -> assertThat(e.path()).isEqualTo("$.parameters.team"))
        .hasMessageContaining("is required");
    assertThat(TemplateFiller.fill(t, json("{\"team\": \"Ops\"}")).at("/metadata/name")
        .asText()).isEqualTo("Ops work");
  }
}
