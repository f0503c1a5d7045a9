package dev.baton.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compiled BPMN was compiled from: the workflow's slug and the SHA-256 of the spec text
 * Baton stored with that deployment. The compiler writes it on the process as {@link
 * #PROPERTY}; a BPMN edited in the Modeler and deployed back names its base spec this way, so
 * that Baton can tell whether the workflow changed since it was downloaded.
 */
public record SpecSource(String slug, String sha256) {

  /** Extension property of the process holding {@link #text()}. */
  public static final String PROPERTY = "baton.source";

  private static final Pattern TEXT = Pattern.compile("([A-Za-z0-9_.-]{1,63})@sha256:([0-9a-f]{64})");

  /** The source of a spec deployed under a slug, from the exact text Baton stores. */
  public static SpecSource of(String slug, String specText) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(specText.getBytes(StandardCharsets.UTF_8));
      return new SpecSource(slug, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** {@code <slug>@sha256:<hex>}. */
  public String text() {
    return slug + "@sha256:" + sha256;
  }

  /** The source written by {@link #text()}; empty for anything else. */
  public static Optional<SpecSource> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = TEXT.matcher(text.strip());
    return m.matches() ? Optional.of(new SpecSource(m.group(1), m.group(2))) : Optional.empty();
  }
}
