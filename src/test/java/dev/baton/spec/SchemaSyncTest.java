package dev.baton.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published schema is well-formed, documented, on the classpath, and fits our specs. */
class SchemaSyncTest {

  private static final Path SCHEMA = Path.of("processes/schema/baton-workflow.schema.json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void schemaIsValidDraft202012() throws IOException {
    JsonNode schema = MAPPER.readTree(SCHEMA.toFile());
    var meta =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of(SchemaId.V202012));

    assertThat(meta.validate(schema)).isEmpty();
    assertThat(schema.path("$schema").asText()).isEqualTo(SchemaId.V202012);
    assertThat(schema.path("$id").asText()).isNotBlank();
  }

  @Test
  void everyPropertyHasADescriptionForEditors() throws IOException {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(MAPPER.readTree(SCHEMA.toFile()), "#", undocumented);

    assertThat(undocumented).isEmpty();
  }

  private static void collectUndocumented(JsonNode schema, String at, List<String> out) {
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              JsonNode property = p.getValue();
              boolean described = property.has("description") || property.has("$ref");
              if (!described) {
                out.add(at + "/properties/" + p.getKey());
              }
              collectUndocumented(property, at + "/properties/" + p.getKey(), out);
              collectUndocumented(property.path("items"), at + "/" + p.getKey() + "/items", out);
            });
    schema
        .path("$defs")
        .fields()
        .forEachRemaining(
            d -> collectUndocumented(d.getValue(), at + "/$defs/" + d.getKey(), out));
  }

  @Test
  void classpathCopyIsThePublishedFile() throws IOException {
    JsonNode published = MAPPER.readTree(SCHEMA.toFile());

    assertThat(JsonSchemaCheck.loadSchemaTree()).isEqualTo(published);
  }

  @Test
  void everyProcessAndValidSpecIsAccepted() throws IOException {
    SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);
    List<Path> specs = new ArrayList<>();
    specs.addAll(jsonFiles(Path.of("processes")));
    specs.addAll(jsonFiles(Path.of("src/test/resources/specs/valid")));
    assertThat(specs).isNotEmpty();

    for (Path spec : specs) {
      SpecReport report = reader.read(Files.readString(spec));
      assertThat(report.errors()).as(spec.toString()).isEmpty();
    }
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }
}
