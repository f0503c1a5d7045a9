package dev.baton.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorSecretsTest {

  @TempDir
  Path dir;

  @AfterEach
  void clear() {
    System.clearProperty("BATON_TEST_SECRET_A");
    System.clearProperty("BATON_TEST_SECRET_B");
  }

  @Test
  void everyReferencedSecretIsResolvedAndDefaultsAreNotSecrets() throws IOException {
    Files.writeString(dir.resolve("a.json"), "{\"headers\": {\"Authorization\": "
        + "\"Bearer ${env:BATON_TEST_SECRET_A}\"}, "
        + "\"url\": \"${env:BATON_TEST_UNSET:-https://x}\"}");
    Files.writeString(dir.resolve("b.json"), "{\"url\": \"https://h/${env:BATON_TEST_SECRET_B}\"}");
    Files.writeString(dir.resolve("notes.txt"), "${env:BATON_TEST_SECRET_A}");
    System.setProperty("BATON_TEST_SECRET_A", "value-of-a-123");
    System.setProperty("BATON_TEST_SECRET_B", "value-of-b-456");

    assertThat(new ConnectorSecrets(dir, Clock.systemUTC()).secretValues())
        .containsExactly("value-of-a-123", "value-of-b-456");
  }

  @Test
  void theFolderIsReadAgainOnceTheLastReadingIsOld() throws IOException {
    Instant[] now = {Instant.parse("2026-12-01T10:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now[0];
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    ConnectorSecrets secrets = new ConnectorSecrets(dir, clock);
    assertThat(secrets.secretValues()).isEmpty();
    Files.writeString(dir.resolve("a.json"), "{\"url\": \"${env:BATON_TEST_SECRET_A}\"}");
    System.setProperty("BATON_TEST_SECRET_A", "value-of-a-123");
    assertThat(secrets.secretValues()).isEmpty();
    now[0] = now[0].plus(ConnectorSecrets.FRESH).plusMillis(1);
    assertThat(secrets.secretValues()).containsExactly("value-of-a-123");
  }

  @Test
  void noFolderNoSecrets() {
    assertThat(new ConnectorSecrets(dir.resolve("absent"), Clock.systemUTC()).secretValues())
        .isEmpty();
  }
}
