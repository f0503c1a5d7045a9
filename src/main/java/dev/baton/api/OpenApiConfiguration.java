package dev.baton.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What /api/openapi says about the API as a whole (the paths come from the controllers). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI batonOpenApi() {
    return new OpenAPI()
        .info(new Info()
            .title("Baton API")
            .version("1")
            .description("Deploy JSON DAG workflow specs as Camunda 7 processes, start and "
                + "follow runs, decide approvals. Errors are application/problem+json. See "
                + "docs/api.md."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("a Camunda user (demo/demo on a demo installation)")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
