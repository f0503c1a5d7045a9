package dev.baton.compile.layout;

/**
 * Rough size of a label as bpmn.io renders it (11px font, wrapped near 90px). There are no font
 * metrics here, so this errs on the wide side.
 */
record TextSize(double width, double height) {

  private static final double CHAR_WIDTH = 7;
  private static final double LINE_HEIGHT = 14;
  private static final int MAX_LINE_CHARS = 14;

  static TextSize of(String text) {
    String[] words = text.trim().split("\\s+");
    int lines = 1;
    int line = 0;
    int longest = 0;
    for (String word : words) {
      int len = word.length();
      while (len > MAX_LINE_CHARS) { // a word longer than a line is broken
        if (line > 0) {
          lines++;
        }
        longest = MAX_LINE_CHARS;
        len -= MAX_LINE_CHARS;
        line = 0;
        lines++;
      }
      int needed = line == 0 ? len : line + 1 + len;
      if (needed > MAX_LINE_CHARS && line > 0) {
        lines++;
        line = len;
      } else {
        line = needed;
      }
      longest = Math.max(longest, line);
    }
    return new TextSize(
        Math.ceil(Math.max(1, longest) * CHAR_WIDTH + 4), Math.ceil(lines * LINE_HEIGHT + 2));
  }
}
