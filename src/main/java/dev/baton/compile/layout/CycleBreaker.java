package dev.baton.compile.layout;

/** Makes the graph acyclic by reversing the back edges of a depth-first search. */
final class CycleBreaker {

  private CycleBreaker() {}

  /**
   * Back edges of a DFS that starts from the sources (then any node still unvisited, which only
   * cycles can leave), taking nodes and their outgoing edges in input order so the choice of which
   * loop edge "goes back" is stable. Iterative, so long chains cannot overflow the stack.
   */
  static boolean[] backEdges(int n, int[] src, int[] tgt, boolean[] ignore) {
    int m = src.length;
    int[][] out = Adjacency.outgoing(n, src, ignore);
    boolean[] hasIncoming = new boolean[n];
    for (int e = 0; e < m; e++) {
      if (!ignore[e]) {
        hasIncoming[tgt[e]] = true;
      }
    }
    byte[] state = new byte[n]; // 0 new, 1 on the DFS stack, 2 done
    boolean[] back = new boolean[m];
    int[] stackNode = new int[n];
    int[] stackNext = new int[n];
    for (int pass = 0; pass < 2; pass++) {
      for (int root = 0; root < n; root++) {
        if (state[root] != 0 || (pass == 0 && hasIncoming[root])) {
          continue;
        }
        int sp = 0;
        stackNode[0] = root;
        stackNext[0] = 0;
        state[root] = 1;
        while (sp >= 0) {
          int v = stackNode[sp];
          if (stackNext[sp] < out[v].length) {
            int e = out[v][stackNext[sp]++];
            int w = tgt[e];
            if (state[w] == 1) {
              back[e] = true;
            } else if (state[w] == 0) {
              state[w] = 1;
              sp++;
              stackNode[sp] = w;
              stackNext[sp] = 0;
            }
          } else {
            state[v] = 2;
            sp--;
          }
        }
      }
    }
    return back;
  }
}
