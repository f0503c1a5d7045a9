package dev.baton.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Amounts as the API sends them, printed for people. */
class DollarsTest {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void smallAmountsAreWrittenInPlainDigits() throws Exception {
    assertThat(Dollars.of(JSON.readTree("{\"a\": 2.25E-4}").path("a"))).isEqualTo("$0.000225");
    assertThat(Dollars.of(JSON.readTree("{\"a\": 0.000085500}").path("a")))
        .isEqualTo("$0.0000855");
    assertThat(Dollars.of(JSON.readTree("{\"a\": 10.0}").path("a"))).isEqualTo("$10");
    assertThat(Dollars.of(JSON.readTree("{\"a\": 1.20}").path("a"))).isEqualTo("$1.2");
  }

  @Test
  void missingOrTextAmountsStayReadable() throws Exception {
    assertThat(Dollars.of(JSON.readTree("{}").path("a"))).isEqualTo("$0");
    assertThat(Dollars.of(JSON.readTree("{\"a\": null}").path("a"))).isEqualTo("$0");
    assertThat(Dollars.of(JSON.readTree("{\"a\": \"3.50\"}").path("a"))).isEqualTo("$3.50");
  }
}
