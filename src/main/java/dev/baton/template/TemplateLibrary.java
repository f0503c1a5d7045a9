package dev.baton.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.BatonProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The templates in {@code processes/templates/}, read from disk on every lookup like the
 * connectors: they are small, every engine node ships the same folder, and an operator's new
 * file is offered without a restart. The start-up deployment reads only the top of {@code
 * processes/}, so templates are never deployed as workflows themselves.
 */
@Component
class TemplateLibrary {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "[a-z][a-z0-9-]{0,62}";

  private final Path dir;

  @Autowired
  TemplateLibrary(BatonProperties properties) {
    this(properties.processesDir().resolve("templates"));
  }

  public TemplateLibrary(Path dir) {
    this.dir = dir;
  }

  public List<Template> all() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Template> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        find(file.getFileName().toString().replaceFirst("\\.json$", "")).ifPresent(found::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  public Optional<Template> find(String id) {
    if (id == null || !id.matches(ID)) {
      return Optional.empty();
    }
    Path file = dir.resolve(id + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(id, JSON.readTree(Files.readString(file))));
    } catch (IOException e) {
      throw new IllegalStateException("template " + file + " cannot be read: " + e.getMessage(),
          e);
    }
  }

  /** Reads a template; throws {@link IllegalStateException} saying what is wrong. */
  static Template parse(String id, JsonNode json) {
    if (!json.path("spec").isObject()) {
      throw new IllegalStateException("template '" + id + "' has no spec object");
    }
    List<TemplateParameter> parameters = new ArrayList<>();
    json.path("parameters").properties().forEach(p -> {
      JsonNode def = p.getValue();
      String type = def.path("type").asText("string");
      if (!TemplateParameter.TYPES.contains(type)) {
        throw new IllegalStateException("template '" + id + "': parameter '" + p.getKey()
            + "' has type '" + type + "'; use one of " + TemplateParameter.TYPES);
      }
      List<String> allowed = new ArrayList<>();
      def.path("enum").forEach(v -> allowed.add(v.asText()));
      parameters.add(new TemplateParameter(p.getKey(), type, def.path("description").asText(""),
          def.has("default") ? def.get("default") : null, List.copyOf(allowed),
          def.has("minimum") ? def.get("minimum").asDouble() : null,
          def.has("maximum") ? def.get("maximum").asDouble() : null));
    });
    return new Template(id, json.path("title").asText(id), json.path("description").asText(""),
        json.path("source").asText(""), List.copyOf(parameters), json.get("spec"));
  }
}
