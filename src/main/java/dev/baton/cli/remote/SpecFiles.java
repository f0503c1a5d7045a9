package dev.baton.cli.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Spec files as the server wants them: their text, and a slug from their name. */
final class SpecFiles {

  private SpecFiles() {}

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ApiException("cannot read " + file + ": " + e.getMessage(), ExitCode.USAGE, null);
    }
  }

  /** {@code processes/Release Approval.json} → {@code release-approval}. */
  static String slugOf(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.json$", "");
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
  }
}
