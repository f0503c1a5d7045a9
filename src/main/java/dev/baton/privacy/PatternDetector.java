package dev.baton.privacy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;

/**
 * The operator's patterns of one PII domain ({@code baton.privacy.domains.<name>.patterns}),
 * matched by RE2/J: time linear in the text whatever the pattern (no backtracking), checked and
 * compiled once at start-up ({@link PrivacyProperties}).
 */
final class PatternDetector implements Detector {

  private final String domain;
  private final List<Pattern> patterns;

  PatternDetector(String domain, List<Pattern> patterns) {
    this.domain = domain;
    this.patterns = List.copyOf(patterns);
  }

  @Override
  public String name() {
    return domain;
  }

  @Override
  public String redact(String text) {
    String out = text;
    for (Pattern pattern : patterns) {
      Matcher m = pattern.matcher(out);
      StringBuilder replaced = null;
      while (m.find()) {
        // an empty match (refused at start-up, but possible in some context) changes nothing
        if (m.end() > m.start()) {
          replaced = replaced == null ? new StringBuilder(out.length()) : replaced;
          m.appendReplacement(replaced, Matcher.quoteReplacement(mask()));
        }
      }
      if (replaced != null) {
        m.appendTail(replaced);
        out = replaced.toString();
      }
    }
    return out;
  }
}
