package dev.baton.privacy;

/**
 * One kind of personal data or secret found in text. Implementations are immutable,
 * thread-safe and take time linear in the text (or bounded per candidate).
 */
interface Detector {

  /** The kind, as masks and the configuration name it ({@code email}, a domain's name). */
  String name();

  /** The text with every occurrence replaced by {@link #mask()}; the same text when none. */
  String redact(String text);

  default String mask() {
    return Masks.of(name());
  }
}
