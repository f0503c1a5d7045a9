package dev.baton.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.llm.Redactor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where Baton applies PII redaction, one method per place text enters storage: node outputs
 * (process variables and so history), the reply journal (the one place an original may be kept,
 * with {@code keep-original}), the approver's review form, incident and failure messages, the
 * run input (with {@code redact-input}). Log lines are {@link RedactingLogFilter}'s.
 */
@Component
public class Privacy {

  private final PrivacyProperties settings;
  private final PiiRedactor redactor;

  @Autowired
  public Privacy(PrivacyProperties settings, ObjectProvider<Redactor> secrets) {
    this(settings, PiiRedactor.of(settings, secrets.getIfAvailable(Redactor::patternsOnly)));
  }

  Privacy(PrivacyProperties settings, PiiRedactor redactor) {
    this.settings = settings;
    this.redactor = redactor;
  }

  /** The defaults with no configured secrets, for code that runs outside Spring (tests). */
  public static Privacy defaults() {
    PrivacyProperties settings = PrivacyProperties.defaults();
    return new Privacy(settings, PiiRedactor.of(settings, Redactor.patternsOnly()));
  }

  /** Redacts nothing. */
  public static Privacy off() {
    return new Privacy(new PrivacyProperties(false, java.util.List.of(), false, false, false,
        false, java.util.Map.of()), PiiRedactor.none());
  }

  /** A message that is stored or shown: an incident's, a failed task's, a failure output's. */
  public String message(String text) {
    return redactor.redact(text);
  }

  /** A node's output as it becomes a process variable (and so history). */
  public JsonNode output(JsonNode output) {
    return redactor.redact(output);
  }

  /** What the reply journal stores: the original only when {@code keep-original} allows it. */
  public JsonNode journal(JsonNode output) {
    return settings.keepOriginal() ? output : redactor.redact(output);
  }

  /** What an approver reads on a review form, when {@code review-form} says so. */
  public String reviewForm(String markdown) {
    return settings.reviewForm() ? redactor.redact(markdown) : markdown;
  }

  /** The run input as stored, when {@code redact-input} says so. */
  public JsonNode input(JsonNode input) {
    return settings.redactInput() ? redactor.redact(input) : input;
  }

  PiiRedactor redactor() {
    return redactor;
  }

  PrivacyProperties settings() {
    return settings;
  }
}
