package dev.baton.llm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts secrets out of text that came from outside (a provider's or a connector's error body, an
 * exception message) before Baton stores, logs or shows it: the values of configured secrets
 * (API keys named by {@code api-key-env}, connector secrets resolved from the environment), the
 * credential of an {@code Authorization}, {@code x-api-key} or {@code api_key=} pair, bearer
 * tokens, and common key shapes (OpenAI and Anthropic {@code sk-}, GitHub, Slack, AWS, Google,
 * Hugging Face, Stripe, JWTs, long high-entropy tokens). Each becomes {@value #MASK}; the rest
 * (status, error type, the provider's wording) stays readable. Immutable and thread-safe.
 */
public final class Redactor {

  public static final String MASK = "[redacted]";

  /** Shorter configured values are not treated as secrets (a default such as "none"). */
  static final int MIN_SECRET_LENGTH = 8;
  /** Tokens at least this long, of mixed case and digits, are checked for entropy. */
  static final int MIN_OPAQUE_TOKEN = 32;
  /** Bits per character above which such a token is taken for a key (random base62: ~4.5). */
  static final double MIN_ENTROPY = 3.8;
  /** How much of a long text beyond what is kept is redacted before it is cut. */
  static final int CUT_MARGIN = 1024;

  // name (:|=) [scheme] value, in headers, JSON, query strings and prose; quotes may be escaped
  private static final Pattern CREDENTIAL_PAIR = Pattern.compile("(?i)\\b("
      + "(?:proxy-)?authorization|x-api-key|x-goog-api-key|api[-_]?key|access[-_]?token"
      + "|refresh[-_]?token|id[-_]?token|auth[-_]?token|client[-_]?secret|secret[-_]?key"
      + "|private[-_]?key|password|passwd|secret|token)\\b"
      + "(\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?)"
      + "((?:bearer|basic|token|bot)\\s+)?"
      + "([^\\s\"'\\\\&,;}\\]]+)");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer\\s+)(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{8,}");
  /** What a credential pair's name contains: text without any of these has no pair. */
  private static final List<String> PAIR_HINTS =
      List.of("auth", "key", "token", "secret", "passw");

  /** A key shape, tried only when the text contains one of its literal beginnings. */
  private record Shape(List<String> hints, Pattern pattern) {
    Shape(String pattern, String... hints) {
      this(List.of(hints), Pattern.compile(pattern));
    }
  }

  private static final List<Shape> KEY_SHAPES = List.of(
      // OpenAI (sk-, sk-proj-, masked sk-abc***xyz) and Anthropic (sk-ant-)
      new Shape("\\bsk-[A-Za-z0-9_*-]{6,}", "sk-"),
      // GitHub personal, OAuth, user-to-server, server-to-server, refresh; fine-grained
      new Shape("\\bgh[pousr]_[A-Za-z0-9]{20,}", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
      new Shape("\\bgithub_pat_[A-Za-z0-9_]{20,}", "github_pat_"),
      new Shape("\\bxox[abposr]-[A-Za-z0-9-]{10,}", "xox"), // Slack
      new Shape("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", "AKIA", "ASIA"), // AWS access key id
      new Shape("\\bAIza[0-9A-Za-z_-]{35}", "AIza"), // Google API key
      new Shape("\\bhf_[A-Za-z0-9]{20,}", "hf_"), // Hugging Face
      new Shape("\\b[rsp]k_(?:live|test)_[A-Za-z0-9]{10,}", "k_live_", "k_test_"), // Stripe
      new Shape("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", "eyJ")); // JWT

  private static final Redactor PATTERNS_ONLY = new Redactor(List::of, List.of());

  private final Supplier<? extends Collection<String>> configured;
  private final List<String> extra;

  private Redactor(Supplier<? extends Collection<String>> configured, List<String> extra) {
    this.configured = configured;
    this.extra = extra;
  }

  /** Only the credential pairs and key shapes, no configured values. */
  public static Redactor patternsOnly() {
    return PATTERNS_ONLY;
  }

  /**
   * @param secrets the values to remove, asked for on every use (configuration read from files
   *     may change); nulls and values shorter than {@value #MIN_SECRET_LENGTH} are ignored
   */
  public static Redactor of(Supplier<? extends Collection<String>> secrets) {
    return new Redactor(secrets, List.of());
  }

  /**
   * This redactor, also removing these values (the key of one provider, one call's secrets);
   * nulls and short values are ignored, as above.
   */
  public Redactor with(Collection<String> secrets) {
    List<String> more = new ArrayList<>(extra);
    for (String secret : secrets) {
      if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
        more.add(secret.strip());
      }
    }
    return new Redactor(configured, List.copyOf(more));
  }

  /**
   * The text with every secret it knows or recognises replaced by {@value #MASK}. Linear in the
   * text's length; a pattern runs only when the text holds a literal it needs.
   */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : variants()) {
      out = out.replace(secret, MASK);
    }
    String lower = out.toLowerCase(java.util.Locale.ROOT);
    if (PAIR_HINTS.stream().anyMatch(lower::contains)) {
      out = CREDENTIAL_PAIR.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
          m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3))
              // a value already cut out by its exact match stays as it is
              + (m.group(4).startsWith("[redacted") ? m.group(4) : MASK)));
    }
    if (lower.contains("bearer")) {
      out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
    for (Shape shape : KEY_SHAPES) {
      String current = out;
      if (shape.hints().stream().anyMatch(current::contains)) {
        out = shape.pattern().matcher(out).replaceAll(MASK);
      }
    }
    return opaqueTokensCut(out);
  }

  /**
   * As {@link #redact(String)}, for text that is kept at most {@code maxLength} characters long
   * (and "..."): text much longer is first cut at a token boundary (whitespace, a quote, JSON
   * punctuation) past {@code maxLength}, so that the work is bounded whatever a server sends and
   * no secret is redacted in half, then redacted, then shortened.
   */
  public String redact(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String head = text;
    if (text.length() > maxLength + CUT_MARGIN) {
      int cut = maxLength + CUT_MARGIN;
      while (cut > 0 && !boundary(text.charAt(cut - 1))) {
        cut--;
      }
      head = text.substring(0, cut);
    }
    String redacted = redact(head);
    if (redacted.length() > maxLength) {
      return redacted.substring(0, maxLength) + "...";
    }
    return head.length() < text.length() ? redacted + "..." : redacted;
  }

  private static boolean boundary(char c) {
    return Character.isWhitespace(c) || "\"'`,;:{}[]()<>".indexOf(c) >= 0;
  }

  /** Runs of token characters at least {@value #MIN_OPAQUE_TOKEN} long that look random. */
  private static String opaqueTokensCut(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < text.length()) {
      if (!tokenChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && tokenChar(text.charAt(i))) {
        i++;
      }
      if (i - start >= MIN_OPAQUE_TOKEN && opaque(text.substring(start, i))) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, start).append(MASK);
        copied = i;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean tokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
        || c == '+' || c == '/' || c == '=' || c == '-';
  }

  /** The configured values as they may appear: as is, JSON-escaped, URL-encoded; longest first. */
  private List<String> variants() {
    Set<String> values = new LinkedHashSet<>();
    Collection<String> fromConfig = configured.get();
    List<String> all = new ArrayList<>(extra);
    if (fromConfig != null) {
      all.addAll(fromConfig);
    }
    for (String value : all) {
      if (value == null || value.strip().length() < MIN_SECRET_LENGTH) {
        continue;
      }
      String v = value.strip();
      values.add(v);
      values.add(v.replace("/", "\\/"));
      values.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return sorted;
  }

  /** Mixed case and digits, and as unpredictable as a random key: not a word, path or hex id. */
  static boolean opaque(String token) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    int[] counts = new int[128];
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
      digit |= Character.isDigit(c);
      counts[c & 127]++;
    }
    if (!(upper && lower && digit)) {
      return false;
    }
    double entropy = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / token.length();
        entropy -= p * (Math.log(p) / Math.log(2));
      }
    }
    return entropy >= MIN_ENTROPY;
  }
}
