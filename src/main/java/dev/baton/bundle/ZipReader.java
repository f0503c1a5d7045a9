package dev.baton.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads an uploaded zip without trusting it: entry names that leave the bundle ({@code ../},
 * absolute paths, drive letters, backslashes), symbolic links, duplicates, too many entries,
 * files or totals beyond {@link BundleLimits} (counted while inflating) and entries that inflate
 * far beyond their compressed size are findings, and nothing is ever written to disk. The central
 * directory is read first (entry count, symlink bits, compressed sizes) and the local entries are
 * then inflated; a local entry the directory does not list is refused, since tools disagree on
 * which of the two is the truth.
 */
public final class ZipReader {

  /** Folders and files that archivers add and that are no part of a bundle. */
  private static final List<String> IGNORED = List.of("__MACOSX/", ".DS_Store");
  private static final int UNIX = 3;
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;

  private final BundleLimits limits;

  public ZipReader(BundleLimits limits) {
    this.limits = limits;
  }

  /** The files read, and what was wrong; the files are complete only without errors. */
  public record Result(BundleFiles files, List<Finding> findings) {

    public boolean ok() {
      return findings.stream().noneMatch(Finding::isError);
    }
  }

  /** What the central directory says of one entry. */
  private record Listed(long compressedSize, long claimedSize, boolean symlink) {}

  public Result read(byte[] zip) {
    List<Finding> findings = new ArrayList<>();
    if (zip == null || zip.length == 0) {
      findings.add(zipError(null, "the request has no body: send the bundle as a zip "
          + "(Content-Type application/zip)", "baton bundles install DIR zips a directory"));
      return new Result(new BundleFiles(Map.of()), findings);
    }
    if (zip.length > limits.maxZipBytes()) {
      findings.add(zipError(null, "the zip is " + zip.length + " bytes; the limit is "
          + limits.maxZipBytes(), "leave out what the agent does not need (large docs)"));
      return new Result(new BundleFiles(Map.of()), findings);
    }
    Map<String, Listed> listed = centralDirectory(zip, findings);
    if (listed == null) {
      return new Result(new BundleFiles(Map.of()), findings);
    }
    Map<String, String> files = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        String name = entry.getName();
        Listed info = listed.get(name);
        if (info == null) {
          findings.add(zipError(name, "entry '" + name + "' is not in the zip's central "
              + "directory", "create the zip with a standard tool"));
          break;
        }
        if (entry.isDirectory() || ignored(name) || info.symlink()
            || pathProblem(name) != null) {
          continue; // reported from the central directory, or nothing to read
        }
        byte[] content = inflate(in, name, Math.min(limits.maxFileBytes(),
            limits.maxTotalBytes() - total), info, findings);
        if (content == null) {
          break; // a bomb or a limit: reading further would only spend memory
        }
        total += content.length;
        String text = text(content);
        if (text == null) {
          findings.add(Finding.error("layout", name, null, "not UTF-8 text: bundles hold "
              + "text files only (JSON, Markdown, prompts)", "remove the file, or link to it "
              + "from docs/ instead"));
          continue;
        }
        files.put(name, text);
      }
    } catch (IOException | IllegalArgumentException e) {
      findings.add(zipError(null, "the zip cannot be read: " + e.getMessage(),
          "create it again (zip -r bundle.zip .)"));
    }
    return new Result(new BundleFiles(stripCommonFolder(files)), findings);
  }

  /** Reads the end record and the central directory: entry names, symlinks, sizes. */
  private Map<String, Listed> centralDirectory(byte[] zip, List<Finding> findings) {
    ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int end = -1;
    for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
      if (buf.getInt(i) == 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      findings.add(zipError(null, "not a zip file (no end of central directory)",
          "send a zip; baton bundles install DIR zips a directory"));
      return null;
    }
    int count = Short.toUnsignedInt(buf.getShort(end + 10));
    long offset = Integer.toUnsignedLong(buf.getInt(end + 16));
    if (count > limits.maxEntries()) {
      findings.add(zipError(null, "the zip has " + count + " entries; the limit is "
          + limits.maxEntries(), "leave out files the agent does not need"));
      return null;
    }
    Map<String, Listed> listed = new HashMap<>();
    int at = (int) Math.min(offset, Integer.MAX_VALUE);
    for (int i = 0; i < count; i++) {
      if (at < 0 || at + 46 > zip.length || buf.getInt(at) != 0x02014b50) {
        findings.add(zipError(null, "the zip's central directory is damaged",
            "create the zip again"));
        return null;
      }
      int madeBy = Short.toUnsignedInt(buf.getShort(at + 4)) >> 8;
      long compressed = Integer.toUnsignedLong(buf.getInt(at + 20));
      long claimed = Integer.toUnsignedLong(buf.getInt(at + 24));
      int nameLength = Short.toUnsignedInt(buf.getShort(at + 28));
      int extraLength = Short.toUnsignedInt(buf.getShort(at + 30));
      int commentLength = Short.toUnsignedInt(buf.getShort(at + 32));
      long external = Integer.toUnsignedLong(buf.getInt(at + 38));
      if (at + 46 + nameLength > zip.length) {
        findings.add(zipError(null, "the zip's central directory is damaged",
            "create the zip again"));
        return null;
      }
      String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
      boolean symlink = madeBy == UNIX && ((external >> 16) & S_IFMT) == S_IFLNK;
      if (listed.containsKey(name)) {
        findings.add(zipError(name, "entry '" + name + "' is in the zip twice",
            "create the zip again"));
      } else if (symlink) {
        findings.add(zipError(name, "entry '" + name + "' is a symbolic link; links could "
            + "point outside the bundle", "put the file itself in the bundle"));
      } else {
        String problem = ignored(name) ? null : pathProblem(name);
        if (problem != null) {
          findings.add(zipError(name, "entry name '" + shown(name) + "' " + problem,
              "entries must be relative paths inside the bundle (prompts/main.txt)"));
        }
      }
      listed.put(name, new Listed(compressed, claimed, symlink));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return listed;
  }

  /** Why an entry name is unsafe, or null. */
  static String pathProblem(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      return "is empty or holds a NUL character";
    }
    if (name.indexOf('\\') >= 0) {
      return "uses '\\' (a Windows path): it could leave the bundle where it is unpacked";
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      return "is an absolute path";
    }
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : trimmed.split("/", -1)) {
      if (segment.equals("..")) {
        return "climbs out of the bundle with '..' (path traversal)";
      }
      if (segment.isEmpty() || segment.equals(".")) {
        return "has an empty or '.' segment";
      }
    }
    return null;
  }

  private static boolean ignored(String name) {
    return IGNORED.stream().anyMatch(i -> name.startsWith(i) || name.endsWith("/" + i)
        || name.equals(i));
  }

  /** Inflates one entry up to {@code max} bytes; null (with a finding) beyond it. */
  private byte[] inflate(InputStream in, String name, long max, Listed info,
      List<Finding> findings) throws IOException {
    long compressed = info.compressedSize();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long read = 0;
    int n;
    while ((n = in.read(chunk)) > 0) {
      read += n;
      if (read > max) {
        // what was inflated so far is a lower bound; a header claiming a bomb is believed
        boolean bomb = compressed > 0 && (read / compressed > limits.maxRatio()
            || info.claimedSize() / compressed > limits.maxRatio());
        findings.add(zipError(name, bomb
            ? "entry '" + name + "' inflates more than " + limits.maxRatio()
                + " times its compressed size (a zip bomb?)"
            : "entry '" + name + "' or the bundle as a whole exceeds the size limit (a file "
                + limits.maxFileBytes() + " bytes, all files " + limits.maxTotalBytes() + ")",
            "bundles hold prompts and JSON; keep large documents elsewhere"));
        return null;
      }
      out.write(chunk, 0, n);
    }
    if (read > 64 * 1024 && compressed > 0 && read / compressed > limits.maxRatio()) {
      findings.add(zipError(name, "entry '" + name + "' inflates more than "
          + limits.maxRatio() + " times its compressed size (a zip bomb?)",
          "bundles hold ordinary text"));
      return null;
    }
    return out.toByteArray();
  }

  private static String text(byte[] content) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
      return text.indexOf('\0') >= 0 ? null : text.startsWith("\uFEFF") ? text.substring(1)
          : text;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** {@code zip -r b.zip my-bundle} puts everything under {@code my-bundle/}: strip it. */
  static Map<String, String> stripCommonFolder(Map<String, String> files) {
    if (files.isEmpty() || files.containsKey("manifest.json")) {
      return files;
    }
    String first = files.keySet().iterator().next();
    int slash = first.indexOf('/');
    if (slash < 0) {
      return files;
    }
    String prefix = first.substring(0, slash + 1);
    if (!files.keySet().stream().allMatch(p -> p.startsWith(prefix))) {
      return files;
    }
    Map<String, String> stripped = new LinkedHashMap<>();
    files.forEach((path, text) -> stripped.put(path.substring(prefix.length()), text));
    return stripped;
  }

  private static String shown(String name) {
    String printable = name.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 120 ? printable.substring(0, 117) + "..." : printable;
  }

  private static Finding zipError(String entry, String message, String hint) {
    return Finding.error("zip", entry == null ? Finding.WHOLE : shown(entry), null, message,
        hint);
  }
}
