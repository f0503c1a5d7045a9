package dev.baton.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.problem.InvalidFieldException;
import dev.baton.spec.SpecLimits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The settings' defaults agree with the spec reader's, and the request checks name paths. */
class LimitsPropertiesTest {

  private final RequestLimits limits = new RequestLimits(LimitsProperties.DEFAULTS);

  @Test
  void defaultsAreTheSpecReadersDefaults() {
    assertThat(LimitsProperties.DEFAULTS.spec()).isEqualTo(SpecLimits.DEFAULTS);
  }

  @Test
  void nonsenseSettingsAreRefusedAtStartUp() {
    assertThatThrownBy(() -> new LimitsProperties(10, 1, 1, 64, 1, 1, 1, 1, 1, 1, 2, 1,
        BigDecimal.ONE, BigDecimal.ONE, 1, 1, 1, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runInputBoundsSizeAndNumbers() throws Exception {
    ObjectMapper json = new ObjectMapper();
    limits.runInput(json.readTree("{\"task\": \"x\", \"n\": 1e300}"));
    assertThatThrownBy(() -> limits.runInput(json.readTree("{\"a\": {\"b-c\": [1, 1e400]}}")))
        .isInstanceOfSatisfying(InvalidFieldException.class,
            e -> assertThat(e.path()).isEqualTo("$.input_data.a['b-c'][1]"));
    String big = "{\"text\": \"" + "x".repeat(262_144) + "\"}";
    assertThatThrownBy(() -> limits.runInput(json.readTree(big)))
        .isInstanceOfSatisfying(InvalidFieldException.class,
            e -> assertThat(e.path()).isEqualTo("$.input_data"));
  }

  @Test
  void amountsPriorityAndTextAreBounded() {
    assertThatThrownBy(() -> limits.budgetUsd("$.daily_usd", new BigDecimal("1e400")))
        .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
          assertThat(e.path()).isEqualTo("$.daily_usd");
          assertThat(e.getMessage()).isEqualTo(
              "daily_usd is 1E+400; the most allowed is 1000000000");
        });
    limits.usd("$.per_run_usd", new BigDecimal("1000000"));
    assertThatThrownBy(() -> limits.priority(1001)).isInstanceOf(InvalidFieldException.class);
    limits.priority(-1000);
    assertThatThrownBy(() -> limits.name("$.name", "n".repeat(201)))
        .isInstanceOf(InvalidFieldException.class).hasMessage(
            "name is 201 characters long; the limit is 200");
    assertThatThrownBy(() -> limits.id("$.tenant_id", "t\u0000"))
        .isInstanceOf(InvalidFieldException.class).hasMessage(
            "tenant_id contains control character U+0000");
    assertThatThrownBy(() -> limits.version("$.version", "v".repeat(65)))
        .isInstanceOf(InvalidFieldException.class);
  }
}
