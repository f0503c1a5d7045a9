package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiPathsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "/api/workflows | /api",
      "/api | /api",
      "/api?x=1 | /api",
      "/engine-rest;x=y/task | /engine-rest",
      "//engine-rest/task | /engine-rest",
      "/actuator//health | /actuator",
      "/%61ctuator/health | /actuator",
      "/api%2Fworkflows | /api",
      "/api\\workflows | /api",
      "/api/%zz | /api",
      "/api/%C0%AF | /api",
      "http://localhost:8080/api/workflows | /api",
      "/apis/x | null",
      "/API/workflows | null",
      "/camunda/app/tasklist/ | null",
      "/ | null",
      "'' | null",
      "null | null"
  })
  void thePrefixAsTheClientAimedAtIt(String raw, String prefix) {
    assertThat(ApiPaths.prefixOf(raw)).isEqualTo(prefix);
  }
}
