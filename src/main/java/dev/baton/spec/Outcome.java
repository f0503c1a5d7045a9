package dev.baton.spec;

import java.util.Arrays;
import java.util.Optional;

/** Named edge conditions: how the source node ended. */
public enum Outcome {
  SUCCESS("success"),
  FAILURE("failure"),
  APPROVED("approved"),
  REJECTED("rejected"),
  TIMEOUT("timeout"),
  /** The branch a condition node takes when no comparison matches. */
  DEFAULT("default");

  private final String json;

  Outcome(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  public static Optional<Outcome> fromJson(String value) {
    return Arrays.stream(values()).filter(o -> o.json.equals(value)).findFirst();
  }
}
