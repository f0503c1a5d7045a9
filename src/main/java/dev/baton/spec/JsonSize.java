package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/** How large a JSON tree is as compact JSON, measured without building the text. */
public final class JsonSize {

  private static final ObjectMapper WRITER = new ObjectMapper();

  private JsonSize() {}

  /** Bytes of the tree as compact UTF-8 JSON, counting no further than just past {@code cap}. */
  public static long bytes(JsonNode tree, long cap) {
    Counter counter = new Counter(cap);
    try {
      WRITER.writeValue(counter, tree);
    } catch (Counter.Full e) {
      return counter.count;
    } catch (IOException e) {
      throw new IllegalStateException("cannot measure a JSON tree", e);
    }
    return counter.count;
  }

  /** Whether a number is one a double can hold: 1e400 parses to infinity. */
  public static boolean finite(JsonNode number) {
    return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
  }

  /** Counts bytes written and stops the writer once past the cap. */
  private static final class Counter extends OutputStream {
    private final long cap;
    private long count;

    Counter(long cap) {
      this.cap = cap;
    }

    @Override
    public void write(int b) throws IOException {
      count++;
      check();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      check();
    }

    private void check() throws Full {
      if (count > cap) {
        throw new Full();
      }
    }

    static final class Full extends IOException {
      Full() {
        super("over the cap", null);
      }
    }
  }
}
