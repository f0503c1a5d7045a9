package dev.baton.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AgentToolRepository extends JpaRepository<AgentTool, Long> {

  List<AgentTool> findByAgentIdOrderByIdAsc(Long agentId);

  Optional<AgentTool> findByAgentIdAndToolId(Long agentId, Long toolId);
}
