package dev.baton.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AgentRepository extends JpaRepository<Agent, Long> {

  Optional<Agent> findBySlug(String slug);

  List<Agent> findAllByOrderBySlugAsc();
}
