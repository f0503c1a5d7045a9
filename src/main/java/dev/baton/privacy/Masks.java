package dev.baton.privacy;

/** What a redacted value becomes: {@code [redacted:<kind>]}, readable and never re-detected. */
final class Masks {

  static final String PREFIX = "[redacted";

  private Masks() {}

  static String of(String kind) {
    return PREFIX + ":" + kind + "]";
  }
}
