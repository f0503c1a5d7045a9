package dev.baton.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips a bundle directory the way the server reads it: paths relative to the directory, with
 * {@code /}, in name order (the same directory gives the same bytes), hidden files left out.
 * Symbolic links are refused rather than followed: what is sent is what lies in the directory.
 */
public final class BundleDirectory {

  private BundleDirectory() {}

  public static byte[] zip(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(dir + " is not a directory");
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        Path relative = dir.relativize(p);
        if (relative.toString().isEmpty()) {
          continue;
        }
        if (hidden(relative)) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          throw new IllegalArgumentException(relative + " is a symbolic link; bundles may not "
              + "hold links (copy the file in instead)");
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.add(p);
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        for (Path p : files) {
          ZipEntry entry = new ZipEntry(dir.relativize(p).toString().replace('\\', '/'));
          entry.setTime(0); // the same files give the same zip
          zip.putNextEntry(entry);
          Files.copy(p, zip);
          zip.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot zip " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
