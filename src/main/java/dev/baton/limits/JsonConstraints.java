package dev.baton.limits;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parser limits of the API's ObjectMapper (request bodies under /api): nesting a little
 * deeper than a spec may nest (the request wraps it), strings and documents no longer than a
 * request may be, numbers of at most 100 digits (a 100,000-digit number takes quadratic time
 * to convert) and field names of at most 1,000 characters. What passes these is then checked
 * field by field ({@link RequestLimits}, the spec reader).
 */
@Configuration(proxyBeanMethods = false)
class JsonConstraints {

  static final int MAX_NUMBER_LENGTH = 100;
  static final int MAX_NAME_LENGTH = 1_000;

  @Bean
  Jackson2ObjectMapperBuilderCustomizer streamReadConstraints(LimitsProperties limits) {
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxDepth() + 4)
        .maxStringLength(limits.maxRequestBytes())
        .maxDocumentLength(limits.maxRequestBytes())
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxNameLength(MAX_NAME_LENGTH)
        .build();
    return builder -> builder.postConfigurer(
        mapper -> mapper.getFactory().setStreamReadConstraints(constraints));
  }
}
