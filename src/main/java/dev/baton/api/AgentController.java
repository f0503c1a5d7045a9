package dev.baton.api;

import dev.baton.registry.AgentProfile;
import dev.baton.registry.AgentRequest;
import dev.baton.registry.AgentService;
import dev.baton.registry.ToolAssignment;
import dev.baton.registry.ToolInfo;
import dev.baton.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agent registry: agents, their tools and scopes (docs/agents.md). */
@RestController
@RequestMapping("/api")
class AgentController {

  private final AgentService agents;

  AgentController(AgentService agents) {
    this.agents = agents;
  }

  @GetMapping("/agents")
  @Operation(summary = "List agents", description = "The agents of the caller's tenants and "
      + "the shared ones (the shipped defaults, one per type), with their tools and scopes.")
  List<AgentProfile> list(Caller caller) {
    return agents.list(caller);
  }

  @GetMapping("/agents/{id}")
  @Operation(summary = "Read an agent", description = "By numeric id or slug.")
  @ApiResponse(responseCode = "404", description = "no such agent")
  AgentProfile get(@PathVariable String id, Caller caller) {
    return agents.get(caller, id);
  }

  @PostMapping("/agents")
  @Operation(summary = "Register an agent", description = "slug, title, type (planner, "
      + "builder, qa, docs, governance, cost, integration, custom), capabilities, config "
      + "(model, temperature, max_tokens, tools), enabled.")
  @ApiResponse(responseCode = "201", description = "registered")
  @ApiResponse(responseCode = "400", description = "missing or malformed slug")
  @ApiResponse(responseCode = "409", description = "the slug is taken")
  @ApiResponse(responseCode = "422", description = "unknown type or tool, invalid config")
  ResponseEntity<AgentProfile> create(@RequestBody AgentRequest request, Caller caller) {
    AgentProfile created = agents.create(caller, request);
    return ResponseEntity.created(URI.create("/api/agents/" + created.id())).body(created);
  }

  @PutMapping("/agents/{id}")
  @Operation(summary = "Change an agent", description = "Replaces title, type, capabilities, "
      + "config and enabled; config.tools, when given, becomes the agent's tool list. Workflows "
      + "deployed earlier keep their agent; a disabled agent fails their nodes with a message "
      + "naming it (see docs/agents.md).")
  @ApiResponse(responseCode = "404", description = "no such agent")
  @ApiResponse(responseCode = "409", description = "the body names another slug")
  @ApiResponse(responseCode = "422", description = "unknown type or tool, invalid config")
  AgentProfile update(@PathVariable String id, @RequestBody AgentRequest request,
      Caller caller) {
    return agents.update(caller, id, request);
  }

  @PostMapping("/agents/{id}/tools")
  @Operation(summary = "Assign a tool", description = "Assigns a tool with scopes (read, "
      + "write, admin), or changes the scopes of an assigned one.")
  @ApiResponse(responseCode = "404", description = "no such agent")
  @ApiResponse(responseCode = "422", description = "unknown tool or scope")
  AgentProfile assign(@PathVariable String id, @RequestBody ToolAssignment request,
      Caller caller) {
    return agents.assign(caller, id, request);
  }

  @GetMapping("/tools")
  @Operation(summary = "List tools", description = "One per connector definition with "
      + "operations in connectors/: category, auth_required, rate_limit_per_hour, "
      + "cost_per_use_usd.")
  List<ToolInfo> tools() {
    return agents.tools();
  }
}
