package dev.baton.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.llm.Redactor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The configured detectors in a fixed order: secrets first (a key can hold digit runs that look
 * like a card), then the operator's domains, e-mail, cards, phones. Masks are never detected
 * again, so redacting twice changes nothing. Immutable and thread-safe.
 */
public final class PiiRedactor {

  private final List<Detector> detectors;

  private PiiRedactor(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** The detectors the properties name; {@code secrets} removes configured secret values too. */
  public static PiiRedactor of(PrivacyProperties properties, Redactor secrets) {
    List<Detector> chain = new ArrayList<>();
    if (!properties.enabled()) {
      return new PiiRedactor(chain);
    }
    List<String> on = properties.detectors();
    if (on.contains("secret")) {
      chain.add(new SecretDetector(secrets == null ? Redactor.patternsOnly() : secrets));
    }
    for (Map.Entry<String, PrivacyProperties.Domain> domain : properties.domains().entrySet()) {
      chain.add(new PatternDetector(domain.getKey(),
          PrivacyProperties.compile(domain.getKey(), domain.getValue())));
    }
    if (on.contains("email")) {
      chain.add(new EmailDetector());
    }
    if (on.contains("card")) {
      chain.add(new CardDetector());
    }
    if (on.contains("phone")) {
      chain.add(new PhoneDetector());
    }
    return new PiiRedactor(chain);
  }

  /** Redacts nothing. */
  public static PiiRedactor none() {
    return new PiiRedactor(List.of());
  }

  public boolean active() {
    return !detectors.isEmpty();
  }

  /** The text with every value a detector finds masked; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Detector detector : detectors) {
      out = detector.redact(out);
    }
    return out;
  }

  /**
   * A copy of the JSON with every string value redacted (and an integer that is a card number
   * replaced by its mask); field names are kept. The same node when nothing changed.
   */
  public JsonNode redact(JsonNode json) {
    if (json == null || !active()) {
      return json;
    }
    JsonNode redacted = walk(json);
    return redacted == null ? json : redacted;
  }

  /** The redacted replacement of a node, or null when it needs none. */
  private JsonNode walk(JsonNode node) {
    if (node.isTextual()) {
      String text = node.asText();
      String out = redact(text);
      return out.equals(text) ? null : TextNode.valueOf(out);
    }
    if (node.isIntegralNumber()) {
      String digits = node.asText();
      if (digits.length() >= CardDetector.MIN_DIGITS) {
        String out = redact(digits);
        return out.equals(digits) ? null : TextNode.valueOf(out);
      }
      return null;
    }
    if (node.isObject()) {
      ObjectNode copy = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode changed = walk(field.getValue());
        if (changed != null) {
          copy = copy == null ? ((ObjectNode) node).deepCopy() : copy;
          copy.set(field.getKey(), changed);
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = null;
      for (int i = 0; i < node.size(); i++) {
        JsonNode changed = walk(node.get(i));
        if (changed != null) {
          copy = copy == null ? ((ArrayNode) node).deepCopy() : copy;
          copy.set(i, changed);
        }
      }
      return copy;
    }
    return null;
  }
}
