package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.contract.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variables as /engine-rest spells them, both ways, and a locked task read from its JSON. */
class RestVariablesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nodeOutputsTravelAsJsonVariables() throws Exception {
    JsonNode output = JSON.readTree("{\"output\":\"hi\",\"usage\":{\"input_tokens\":3}}");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("plan", JsonValues.toVariable(output));
    variables.put("text", "plain");
    variables.put("count", 3);
    variables.put("none", null);

    ObjectNode rest = RestVariables.toRest(variables);

    assertThat(rest.at("/plan/type").asText()).isEqualTo("Json");
    assertThat(JSON.readTree(rest.at("/plan/value").asText())).isEqualTo(output);
    assertThat(rest.at("/text/type").asText()).isEqualTo("String");
    assertThat(rest.at("/count/type").asText()).isEqualTo("Integer");
    assertThat(rest.at("/none/type").asText()).isEqualTo("Null");
    assertThat(RestVariables.fromRest(rest.get("plan"))).isEqualTo(output);
    assertThat(RestVariables.fromRest(rest.get("text"))).isEqualTo("plain");
    assertThat(RestVariables.fromRest(rest.get("count"))).isEqualTo(3);
    assertThat(RestVariables.fromRest(rest.get("none"))).isNull();
  }

  @Test
  void objectVariablesSerializedAsJsonAreReadAsTrees() throws Exception {
    JsonNode dto = JSON.readTree("{\"type\":\"Object\",\"value\":\"{\\\"a\\\":1}\","
        + "\"valueInfo\":{\"serializationDataFormat\":\"application/json\","
        + "\"objectTypeName\":\"java.util.HashMap\"}}");
    assertThat(RestVariables.fromRest(dto)).isEqualTo(JSON.readTree("{\"a\":1}"));
  }

  @Test
  void aLockedTaskReadsItsFieldsVariablesAndExtensionProperties() throws Exception {
    RemoteTask task = RemoteTask.of(JSON.readTree("""
        {"id":"t1","topicName":"baton-agent","workerId":"w","processInstanceId":"p1",
         "executionId":"e1","activityId":"plan","processDefinitionKey":"flow","retries":2,
         "lockExpirationTime":"2026-11-21T09:00:00.000+0000","priority":0,
         "variables":{"input":{"type":"Json","value":"{\\"task\\":\\"x\\"}","valueInfo":{}}},
         "extensionProperties":{"baton.node":"plan"}}
        """));
    assertThat(task.getId()).isEqualTo("t1");
    assertThat(task.getRetries()).isEqualTo(2);
    assertThat(task.getLockExpirationTime()).isNotNull();
    assertThat(task.getExtensionProperties()).containsEntry("baton.node", "plan");
    assertThat(task.getVariables().get("input")).isEqualTo(JSON.readTree("{\"task\":\"x\"}"));
  }
}
