package dev.baton.bundle;

import static dev.baton.bundle.BundleFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zip safety: what an upload may not do, each refused with a finding and never unpacked. */
class ZipReaderTest {

  private final ZipReader reader = new ZipReader(BundleLimits.DEFAULT);

  private static Map<String, byte[]> entries(Object... pairs) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      entries.put((String) pairs[i], pairs[i + 1] instanceof byte[] b ? b
          : utf8((String) pairs[i + 1]));
    }
    return entries;
  }

  private static String messages(ZipReader.Result result) {
    return result.findings().toString();
  }

  @Test
  void readsAZippedDirectory() {
    ZipReader.Result result = reader.read(BundleDirectory.zip(BundleFixtures.SAMPLE));
    assertThat(result.ok()).as(messages(result)).isTrue();
    assertThat(result.files().files()).containsKeys("manifest.json", "prompts/main.txt",
        "tests/unit/notes.json", "docs/README.md");
  }

  @Test
  void stripsTheFolderAZipToolPutsEverythingUnder() {
    ZipReader.Result result = reader.read(BundleFixtures.zip(entries(
        "my-bundle/manifest.json", "{}", "my-bundle/prompts/main.txt", "hi")));
    assertThat(result.files().files()).containsOnlyKeys("manifest.json", "prompts/main.txt");
  }

  @Test
  void refusesPathTraversalAndAbsolutePaths() {
    ZipReader.Result result = reader.read(BundleFixtures.zip(entries(
        "manifest.json", "{}", "../evil.txt", "x", "prompts/../../x.txt", "y",
        "/etc/passwd", "z", "C:/win.ini", "w", "docs\\a.md", "v")));
    assertThat(result.ok()).isFalse();
    assertThat(result.findings()).filteredOn(Finding::isError).hasSize(5);
    assertThat(messages(result)).contains("path traversal").contains("absolute path")
        .contains("Windows path");
    assertThat(result.files().files()).containsOnlyKeys("manifest.json");
  }

  @Test
  void refusesSymbolicLinks() {
    byte[] zip = BundleFixtures.zip(entries("manifest.json", "{}", "link", "/etc/passwd"));
    // mark the second central directory entry as a unix symlink (mode 0120777)
    ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int found = 0;
    for (int i = 0; i + 4 <= zip.length; i++) {
      if (buf.getInt(i) == 0x02014b50 && ++found == 2) {
        zip[i + 5] = 3;
        buf.putInt(i + 38, 0120777 << 16);
      }
    }
    ZipReader.Result result = reader.read(zip);
    assertThat(result.ok()).isFalse();
    assertThat(messages(result)).contains("'link' is a symbolic link");
    assertThat(result.files().files()).doesNotContainKey("link");
  }

  @Test
  void refusesTooManyEntries() {
    ZipReader small = new ZipReader(new BundleLimits(1 << 20, 3, 1 << 16, 1 << 20, 100));
    ZipReader.Result result = small.read(BundleFixtures.zip(entries("a", "1", "b", "2",
        "c", "3", "d", "4")));
    assertThat(result.ok()).isFalse();
    assertThat(messages(result)).contains("4 entries; the limit is 3");
  }

  @Test
  void stopsAZipBombAtTheLimitWithoutInflatingIt() {
    byte[] zeros = new byte[20 * 1024 * 1024];
    byte[] zip = BundleFixtures.zip(entries("manifest.json", "{}", "docs/bomb.txt", zeros));
    assertThat(zip.length).isLessThan(100_000);
    ZipReader.Result result = reader.read(zip);
    assertThat(result.ok()).isFalse();
    assertThat(messages(result)).contains("zip bomb");
  }

  @Test
  void refusesFilesBeyondTheSizeLimits() {
    ZipReader small = new ZipReader(new BundleLimits(1 << 20, 10, 100, 150, 1000));
    ZipReader.Result result = small.read(BundleFixtures.zip(entries("a.md", "x".repeat(101))));
    assertThat(messages(result)).contains("exceeds the size limit");
    ZipReader.Result total = small.read(BundleFixtures.zip(entries("a.md", "x".repeat(90),
        "b.md", "y".repeat(90))));
    assertThat(messages(total)).contains("exceeds the size limit");
  }

  @Test
  void refusesBinaryFilesAndWhatIsNotAZip() {
    ZipReader.Result binary = reader.read(BundleFixtures.zip(entries("manifest.json", "{}",
        "docs/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff})));
    assertThat(binary.findings()).singleElement().satisfies(f -> {
      assertThat(f.file()).isEqualTo("docs/logo.png");
      assertThat(f.message()).contains("not UTF-8 text");
    });
    assertThat(messages(reader.read(utf8("{\"name\": \"x\"}")))).contains("not a zip file");
    assertThat(messages(reader.read(new byte[0]))).contains("no body");
    ZipReader tiny = new ZipReader(new BundleLimits(10, 10, 10, 10, 10));
    assertThat(messages(tiny.read(BundleFixtures.zip(entries("a", "b")))))
        .contains("the limit is 10");
  }

  @Test
  void entryNamesAreCheckedOneByOne() {
    assertThat(ZipReader.pathProblem("prompts/main.txt")).isNull();
    assertThat(ZipReader.pathProblem("a/./b")).contains("'.'");
    assertThat(ZipReader.pathProblem("a//b")).contains("empty");
    assertThat(ZipReader.pathProblem("..")).contains("traversal");
  }
}
