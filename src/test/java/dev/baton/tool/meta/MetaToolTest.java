package dev.baton.tool.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.tool.ToolContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaToolTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ToolContext task(String taskId) {
    return new ToolContext("run-1", "orchestrate", "default", "design", taskId, "orchestrator",
        "custom", Map.of("meta", List.of("admin")), List.of("meta"), 10, 20);
  }

  @Test
  void aReplayedRequestHasTheSameKeyAndOtherRequestsOthers() throws Exception {
    var input = JSON.readTree("{\"task\": \"x\"}");
    String key = MetaTool.requestKey(task("t1"), "child", input, "");
    assertThat(MetaTool.requestKey(task("t1"), "child", JSON.readTree("{\"task\": \"x\"}"), ""))
        .isEqualTo(key).hasSize(64);
    assertThat(MetaTool.requestKey(task("t2"), "child", input, "")).isNotEqualTo(key);
    assertThat(MetaTool.requestKey(task("t1"), "other", input, "")).isNotEqualTo(key);
    assertThat(MetaTool.requestKey(task("t1"), "child", JSON.readTree("{\"task\": \"y\"}"), ""))
        .isNotEqualTo(key);
    assertThat(MetaTool.requestKey(task("t1"), "child", input, "second")).isNotEqualTo(key);
  }
}
