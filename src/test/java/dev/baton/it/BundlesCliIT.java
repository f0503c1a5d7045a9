package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton bundles ...} against a running server: install zips the sample directory, list,
 * show and test print tables, decisions follow the server's rules (exit 4 for the submitter or
 * a non-operator, 3 for another tenant), and a refused bundle prints each finding with its file.
 */
class BundlesCliIT extends IntegrationTest {

  @TempDir
  Path dir;

  record Result(int code, String out, String err) {}

  private Result baton(String user, String... args) {
    CliResult result = runCli(user, args);
    return new Result(result.code(), result.out(), result.err());
  }

  @Test
  void installListShowTestAndDecide() throws IOException {
    Result installed = baton("alice", "bundles", "install",
        "processes/bundles/changelog-writer");
    assertThat(installed.code()).as(installed.err()).isZero();
    assertThat(installed.out()).contains("changelog-writer 1.0.0 submitted, pending");
    String id = installed.out().replaceAll("(?s)^bundle (\\d+):.*", "$1");

    assertThat(baton("bob", "bundles", "list").out()).contains("ID").contains("pending")
        .contains("changelog-writer");
    assertThat(baton("alice", "bundles", "show", id).out()).contains("state:     pending")
        .contains("tests:     not run");
    Result tested = baton("alice", "bundles", "test", id);
    assertThat(tested.code()).as(tested.out() + tested.err()).isZero();
    assertThat(tested.out()).contains("names the release").contains("2 passed, 0 failed");

    assertThat(baton("alice", "bundles", "approve", id).code()).isEqualTo(4);
    assertThat(baton("zoe", "bundles", "show", id).code()).isEqualTo(3);
    Result rejected = baton("bob", "bundles", "reject", id, "--reason", "not now");
    assertThat(rejected.code()).as(rejected.err()).isZero();
    assertThat(baton("alice", "bundles", "show", id, "--json").out())
        .contains("\"state\" : \"rejected\"").contains("not now");
    // only the installed version can be uninstalled; an author may not
    assertThat(baton("alice", "bundles", "uninstall", id).code()).isEqualTo(4);
    Result notInstalled = baton("bob", "bundles", "uninstall", id);
    assertThat(notInstalled.code()).isEqualTo(5);
    assertThat(notInstalled.err()).contains("is rejected; only an installed bundle can be "
        + "uninstalled");
  }

  @Test
  void aRefusedBundlePrintsEveryFindingWithItsFile() throws IOException {
    Path bundle = dir.resolve("b");
    Files.createDirectories(bundle.resolve("prompts"));
    Files.writeString(bundle.resolve("manifest.json"), "{\"name\": \"cli-bad\", \"version\": "
        + "\"1.0.0\", \"type\": \"docs\", \"requirements\": {\"required_tools\": [\"jira\"]}}");
    Files.writeString(bundle.resolve("prompts/main.txt"), "Hi {{input.x}}\n"
        + "key: AKIAIOSFODNN7EXAMPLE\n");
    Result refused = baton("alice", "bundles", "install", bundle.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("ERROR prompts/main.txt line 2: looks like a secret")
        .contains("ERROR manifest.json $.requirements.required_tools[0]: unknown tool 'jira'");
  }
}
