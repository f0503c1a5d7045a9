package dev.baton.approval;

/** The two decisions a gate accepts, by the values its form submits. */
public enum Decision {
  APPROVE("approve"),
  REJECT("reject");

  private final String value;

  Decision(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
