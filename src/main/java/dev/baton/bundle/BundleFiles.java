package dev.baton.bundle;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bundle's files as read from its zip: relative paths ({@code prompts/main.txt}, always with
 * {@code /}) to their UTF-8 text. Bundles hold text only (JSON, Markdown, prompts).
 */
public record BundleFiles(Map<String, String> files) {

  public BundleFiles {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  public Optional<String> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /** The files directly in a folder ({@code prompts/}), by path, in name order. */
  public Map<String, String> under(String folder, boolean nested) {
    Map<String, String> found = new TreeMap<>();
    files.forEach((path, text) -> {
      if (path.startsWith(folder) && (nested || path.indexOf('/', folder.length()) < 0)) {
        found.put(path, text);
      }
    });
    return found;
  }
}
