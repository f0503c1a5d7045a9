package dev.baton.approval;

/** The decisions a gate can take, by the values its form submits. */
public enum Decision {
  APPROVE("approve"),
  REJECT("reject"),
  REQUEST_CHANGES("request_changes");

  private final String value;

  Decision(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
