package dev.baton.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {

  @TempDir
  Path home;

  private final Map<String, String> env = new HashMap<>();

  private ServerSettings resolve(String server, String user, Path config) {
    env.putIfAbsent("HOME", home.toString());
    return ServerSettings.resolve(server, user, config, env::get);
  }

  @Test
  void optionsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws IOException {
    Path config = home.resolve(".config/baton/cli.properties");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "server=http://file:1\nuser=file-user\npassword=file-pw\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    ServerSettings fromFile = resolve(null, null, null);
    assertThat(fromFile.server()).hasToString("http://file:1/");
    assertThat(fromFile.user()).isEqualTo("file-user");
    assertThat(fromFile.password()).isEqualTo("file-pw");
    assertThat(fromFile.warning()).isNull();

    env.put("BATON_URL", "https://env:2/base");
    env.put("BATON_USER", "env-user");
    env.put("BATON_PASSWORD", "env-pw");
    ServerSettings fromEnv = resolve(null, null, null);
    assertThat(fromEnv.server()).hasToString("https://env:2/base/");
    assertThat(fromEnv.user()).isEqualTo("env-user");
    assertThat(fromEnv.password()).isEqualTo("env-pw");

    ServerSettings fromOptions = resolve("http://option:3", "option-user", null);
    assertThat(fromOptions.server()).hasToString("http://option:3/");
    assertThat(fromOptions.user()).isEqualTo("option-user");
    assertThat(fromOptions.password()).as("never an option").isEqualTo("env-pw");
  }

  @Test
  void defaultsToTheLocalServerAndSaysHowToLogIn() {
    env.put("BATON_USER", "demo");
    env.put("BATON_PASSWORD", "demo");
    assertThat(resolve(null, null, null).server()).hasToString("http://localhost:8080/");

    env.clear();
    assertThatThrownBy(() -> resolve(null, null, null))
        .isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.DENIED))
        .hasMessageContaining("BATON_USER and BATON_PASSWORD");
  }

  @Test
  void warnsOfAPasswordFileOthersCanRead() throws IOException {
    Path config = home.resolve("shared.properties");
    Files.writeString(config, "user=u\npassword=secret\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    ServerSettings settings = resolve(null, null, config);
    assertThat(settings.warning()).contains("chmod 600").doesNotContain("secret");
  }

  @Test
  void refusesWhatItCannotUse() {
    env.put("BATON_USER", "u");
    env.put("BATON_PASSWORD", "p");
    assertThatThrownBy(() -> resolve("ftp://host", null, null))
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> resolve(null, null, home.resolve("missing.properties")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void slugsComeFromFileNames() {
    assertThat(SpecFiles.slugOf(Path.of("processes/Release Approval.json")))
        .isEqualTo("release-approval");
  }

  @Test
  void exitCodesFollowTheStatus() {
    assertThat(ExitCode.of(404)).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(ExitCode.of(403)).isEqualTo(ExitCode.DENIED);
    assertThat(ExitCode.of(409)).isEqualTo(ExitCode.CONFLICT);
    assertThat(ExitCode.of(422)).isEqualTo(ExitCode.FAILED);
    assertThat(ExitCode.of(400)).isEqualTo(ExitCode.USAGE);
    assertThat(ExitCode.of(503)).isEqualTo(ExitCode.UNAVAILABLE);
  }
}
