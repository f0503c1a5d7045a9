package dev.baton.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines ({@code diff -u} format, three lines of context), from a
 * longest common subsequence. Prompts are short; beyond {@link #MAX_CELLS} the texts are shown
 * as one hunk that replaces every line, so a huge prompt cannot make a replay slow.
 */
final class UnifiedDiff {

  static final long MAX_CELLS = 4_000_000L;
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff, or an empty string when the texts are equal. */
  static String of(String oldText, String newText, String oldName, String newName) {
    if (oldText.equals(newText)) {
      return "";
    }
    List<String> a = lines(oldText);
    List<String> b = lines(newText);
    List<char[]> ops = ops(a, b); // each: {op} with op in ' ', '-', '+'
    StringBuilder out = new StringBuilder("--- ").append(oldName).append('\n')
        .append("+++ ").append(newName).append('\n');
    // positions of each op in a and b
    int n = ops.size();
    int[] ai = new int[n + 1];
    int[] bi = new int[n + 1];
    for (int k = 0; k < n; k++) {
      char op = ops.get(k)[0];
      ai[k + 1] = ai[k] + (op == '+' ? 0 : 1);
      bi[k + 1] = bi[k] + (op == '-' ? 0 : 1);
    }
    int k = 0;
    while (k < n) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // extend while changes are at most 2 * CONTEXT equal lines apart
      while (true) {
        while (end < n && ops.get(end)[0] != ' ') {
          end++;
        }
        int next = end;
        while (next < n && ops.get(next)[0] == ' ' && next - end < 2 * CONTEXT) {
          next++;
        }
        if (next < n && ops.get(next)[0] != ' ') {
          end = next;
        } else {
          break;
        }
      }
      int stop = Math.min(n, end + CONTEXT);
      int oldCount = ai[stop] - ai[start];
      int newCount = bi[stop] - bi[start];
      out.append("@@ -").append(range(ai[start], oldCount)).append(" +")
          .append(range(bi[start], newCount)).append(" @@\n");
      for (int j = start; j < stop; j++) {
        char op = ops.get(j)[0];
        String line = op == '+' ? b.get(bi[j]) : a.get(ai[j]);
        out.append(op).append(line).append('\n');
      }
      k = stop;
    }
    return out.toString();
  }

  private static String range(int start, int count) {
    // diff -u: 1-based start; an empty range names the line before it
    int first = count == 0 ? start : start + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<char[]> ops(List<String> a, List<String> b) {
    List<char[]> ops = new ArrayList<>();
    if ((long) a.size() * b.size() > MAX_CELLS) {
      a.forEach(x -> ops.add(new char[] {'-'}));
      b.forEach(x -> ops.add(new char[] {'+'}));
      return ops;
    }
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        ops.add(new char[] {' '});
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new char[] {'-'}); // removals first, as diff -u shows them
        i++;
      } else {
        ops.add(new char[] {'+'});
        j++;
      }
    }
    return ops;
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // a final newline ends the last line
    }
    return lines;
  }
}
