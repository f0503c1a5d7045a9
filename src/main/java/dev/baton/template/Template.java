package dev.baton.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One workflow template of {@code processes/templates/<id>.json}: a spec with {@code
 * {{params.name}}} placeholders and the parameters that fill them.
 *
 * @param source where the pattern comes from (a seed document), for people
 * @param spec the spec with its placeholders, as written
 */
public record Template(String id, String title, String description, String source,
    List<TemplateParameter> parameters, JsonNode spec) {}
