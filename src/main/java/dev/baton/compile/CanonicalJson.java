package dev.baton.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON with object keys sorted, so that a spec whose config lists the same keys in another
 * order compiles to the same BPMN (and creates no new process version).
 */
final class CanonicalJson {

  private static final ObjectMapper SORTED =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private CanonicalJson() {}

  static String write(JsonNode node) {
    try {
      // trees keep insertion order; going through plain maps lets the mapper sort the keys
      return SORTED.writeValueAsString(SORTED.treeToValue(node, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
