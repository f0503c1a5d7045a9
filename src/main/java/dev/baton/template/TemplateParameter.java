package dev.baton.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parameter of a template.
 *
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code
 *     array} (of strings)
 * @param defaultValue used when the caller gives none; null: the parameter is required
 * @param allowed the only values allowed ({@code enum}), or empty
 * @param minimum, maximum bounds of a number; null: none
 */
public record TemplateParameter(String name, String type, String description,
    JsonNode defaultValue, List<String> allowed, Double minimum, Double maximum) {

  public static final List<String> TYPES = List.of("string", "integer", "number", "boolean",
      "array");

  public boolean required() {
    return defaultValue == null;
  }
}
