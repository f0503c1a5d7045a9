package dev.baton.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ToolRepository extends JpaRepository<Tool, Long> {

  Optional<Tool> findBySlug(String slug);

  List<Tool> findAllByOrderBySlugAsc();
}
