package dev.baton.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The templates of a folder ({@code processes/prompts/}): {@code name.md} is template {@code
 * name}. What the offline command line checks against, what seeds the database, and where a
 * template not (yet) stored is read from. Files have no versions: a version a spec asks for is
 * not checked against them.
 */
public final class PromptFiles implements PromptSource {

  private final Path dir;

  public PromptFiles(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The text of {@code name.md}, if there is such a file in the folder. */
  public Optional<String> read(String name) {
    if (!PromptNames.valid(name)) {
      return Optional.empty();
    }
    Path file = dir.resolve(name + ".md");
    if (!file.normalize().startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every template of the folder whose file name is a valid template name, by name. */
  public Map<String, String> all() {
    Map<String, String> templates = new LinkedHashMap<>();
    for (String name : names(null)) {
      read(name).ifPresent(text -> templates.put(name, text));
    }
    return templates;
  }

  @Override
  public Optional<PromptText> find(String name, Integer version, String tenantId) {
    return read(name).map(text -> new PromptText(name, null, text));
  }

  @Override
  public List<String> names(String tenantId) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".md")).map(PromptNames::bare).filter(PromptNames::valid)
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
