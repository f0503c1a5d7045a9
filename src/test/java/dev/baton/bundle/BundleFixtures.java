package dev.baton.bundle;

import dev.baton.spec.AgentTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The shipped sample bundle and the installation the scanner tests check it against. */
final class BundleFixtures {

  static final Path SAMPLE = Path.of("processes/bundles/changelog-writer");

  static final ScanContext CONTEXT = new ScanContext(
      Set.of("git", "github", "github-issues", "http", "slack", "webhook"), Set.of(), "0.1.0",
      Set.of("baton-simulated"), AgentTypes.BUILT_IN.known());

  private BundleFixtures() {}

  /** The sample's files, read the way the server reads an upload. */
  static Map<String, String> sample() {
    ZipReader.Result read = new ZipReader(BundleLimits.DEFAULT).read(BundleDirectory.zip(SAMPLE));
    if (!read.ok()) {
      throw new AssertionError(read.findings().toString());
    }
    return new LinkedHashMap<>(read.files().files());
  }

  /** A zip of the given entries, in order. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
