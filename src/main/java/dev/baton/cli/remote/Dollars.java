package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Amounts in US dollars as people read them: {@code $0.000225}, never {@code $2.25E-4} (how
 * Jackson writes a small decimal as text).
 */
final class Dollars {

  private Dollars() {}

  /** {@code $} and the amount in plain digits; {@code $0} for a missing amount. */
  static String of(JsonNode amount) {
    if (amount == null || amount.isMissingNode() || amount.isNull()) {
      return "$0";
    }
    if (amount.isNumber()) {
      return "$" + amount.decimalValue().stripTrailingZeros().toPlainString();
    }
    return "$" + amount.asText();
  }
}
