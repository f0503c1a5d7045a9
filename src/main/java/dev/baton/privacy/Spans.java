package dev.baton.privacy;

import java.util.ArrayList;
import java.util.List;

/** Replaces non-overlapping spans of a text, given in ascending order, by one mask. */
final class Spans {

  private final List<int[]> spans = new ArrayList<>();

  void add(int start, int end) {
    if (spans.isEmpty() || spans.get(spans.size() - 1)[1] <= start) {
      spans.add(new int[] {start, end});
    }
  }

  String applyTo(String text, String mask) {
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int[] span : spans) {
      out.append(text, copied, span[0]).append(mask);
      copied = span[1];
    }
    return out.append(text, copied, text.length()).toString();
  }
}
