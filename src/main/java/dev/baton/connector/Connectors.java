package dev.baton.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.BatonProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The connector definitions in {@code connectors/}, read from disk on every lookup: they are
 * small, edited by operators, and every engine node ships the same folder.
 */
@Component
public class Connectors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  @Autowired
  public Connectors(BatonProperties properties) {
    this(properties.connectorsDir());
  }

  public Connectors(Path dir) {
    this.dir = dir;
  }

  public Optional<ConnectorDefinition> find(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9-]{0,63}")) {
      return Optional.empty();
    }
    Path file = dir.resolve(name + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ConnectorDefinition.parse(name, JSON.readTree(Files.readString(file))));
    } catch (IOException e) {
      throw new IllegalStateException("connector " + file + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  /** Every definition that offers operations to agents (notification-only ones have none). */
  public List<ConnectorDefinition> tools() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ConnectorDefinition> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        find(name).filter(c -> !c.operations().isEmpty()).ifPresent(found::add);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dir, e);
    }
    return found;
  }
}
