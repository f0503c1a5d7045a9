package dev.baton.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model's tool use, driven by markers in the prompt so that tool calling works
 * offline and in tests: {@code [simulate:tool:github-issues__list_issues {"owner": "o"}]} asks
 * for that function once (several markers: one per turn, in order), {@code
 * [simulate:tool-loop:http__get {"path": "x"}]} asks for it on every turn (to exercise the
 * loop's limits). Only when the request offers tools at all; the name need not be offered (real
 * models misname tools too).
 */
final class SimulatedToolCalls {

  private static final Pattern MARKER =
      Pattern.compile("\\[simulate:(tool|tool-loop):([A-Za-z0-9_-]+)\\s*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Marker(boolean loop, String name, String arguments) {}

  private SimulatedToolCalls() {}

  /** The tool call to ask for now, if the prompt's markers want one. */
  static Optional<ToolExecutionRequest> next(ChatRequest request, String prompt) {
    if (request.toolSpecifications() == null || request.toolSpecifications().isEmpty()) {
      return Optional.empty();
    }
    List<Marker> markers = markers(prompt);
    int done = results(request).size();
    Marker marker = null;
    for (Marker m : markers) {
      if (m.loop()) {
        marker = m;
        break;
      }
    }
    if (marker == null && done < markers.size()) {
      marker = markers.get(done);
    }
    if (marker == null) {
      return Optional.empty();
    }
    return Optional.of(ToolExecutionRequest.builder().id("call_" + (done + 1))
        .name(marker.name()).arguments(marker.arguments()).build());
  }

  /** A line for the final answer that shows the tool results reached the model. */
  static String summary(ChatRequest request) {
    List<ToolExecutionResultMessage> results = results(request);
    if (results.isEmpty()) {
      return "";
    }
    ToolExecutionResultMessage last = results.get(results.size() - 1);
    String text = last.text() == null ? "" : last.text();
    return "\nTool results seen: " + results.size() + "; last (" + last.toolName() + "): "
        + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
  }

  private static List<ToolExecutionResultMessage> results(ChatRequest request) {
    List<ToolExecutionResultMessage> results = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      if (message instanceof ToolExecutionResultMessage result) {
        results.add(result);
      }
    }
    return results;
  }

  private static List<Marker> markers(String prompt) {
    List<Marker> markers = new ArrayList<>();
    Matcher m = MARKER.matcher(prompt);
    while (m.find()) {
      String arguments = "{}";
      if (m.end() < prompt.length() && prompt.charAt(m.end()) == '{') {
        try (JsonParser parser = JSON.getFactory().createParser(prompt.substring(m.end()))) {
          JsonNode args = parser.readValueAsTree();
          arguments = args == null ? "{}" : args.toString();
        } catch (IOException e) {
          arguments = "{}";
        }
      }
      markers.add(new Marker("tool-loop".equals(m.group(1)), m.group(2), arguments));
    }
    return markers;
  }
}
