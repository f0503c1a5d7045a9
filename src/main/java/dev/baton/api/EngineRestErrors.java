package dev.baton.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.jersey.server.ParamException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Error replies of {@code /engine-rest} (Camunda's REST API on Jersey) in Camunda's own error
 * JSON ({@code type}, {@code message}, {@code code}) where Camunda's handlers fall short: a 405
 * keeps its {@code Allow} header (Camunda's catch-all handler drops it); a query, header, form or
 * cookie parameter that cannot be read is a 400 (JAX-RS makes it a 404), a path parameter stays
 * a 404; a body that is not JSON, or not the JSON expected, is always Camunda's 400 (Jersey's
 * Jackson feature registers a text/plain handler for the same exceptions, and which of the two
 * answered changed from one start to the next). Priority 1 makes these win such ties.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

  @Bean
  ResourceConfigCustomizer engineRestErrorMappers() {
    return config -> config.register(MethodNotAllowed.class).register(UnreadableParameter.class)
        .register(UnreadableJson.class).register(UnexpectedJson.class)
        .register(OtherTenantEngineError.class).register(OtherTenantRestError.class);
  }

  /**
   * The engine refuses a command on another tenant's instance, task or definition with a plain
   * ProcessEngineException (ENGINE-13034), which Camunda's REST API answers with a 500; it is the
   * caller's mistake, so a 403. The reply does not repeat which tenant.
   */
  static final String OTHER_TENANT = "ENGINE-13034";

  static Response otherTenant() {
    return camunda(403, "AuthorizationException", "this belongs to a tenant you are not a "
        + "member of");
  }

  static boolean isOtherTenant(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(OTHER_TENANT)) {
        return true;
      }
    }
    return false;
  }

  @Priority(1)
  public static final class OtherTenantEngineError
      implements ExceptionMapper<org.camunda.bpm.engine.ProcessEngineException> {

    @Override
    public Response toResponse(org.camunda.bpm.engine.ProcessEngineException e) {
      Response limited = runLimit(e);
      if (limited != null) {
        return limited;
      }
      return isOtherTenant(e) ? otherTenant()
          : new org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler()
              .toResponse(e);
    }
  }

  /** The same refusal, wrapped by a REST resource (starting an instance does). */
  @Priority(1)
  public static final class OtherTenantRestError
      implements ExceptionMapper<org.camunda.bpm.engine.rest.exception.RestException> {

    @Override
    public Response toResponse(org.camunda.bpm.engine.rest.exception.RestException e) {
      Response limited = runLimit(e);
      if (limited != null) {
        return limited;
      }
      return isOtherTenant(e) ? otherTenant()
          : new org.camunda.bpm.engine.rest.exception.RestExceptionHandler().toResponse(e);
    }
  }

  /**
   * The governance policy's run limit, wherever in the causes: 429 in Camunda's error JSON
   * (the engine would answer 500, or 400 once a REST resource wraps it).
   */
  static Response runLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof dev.baton.governance.RunLimitReachedException limit) {
        return camunda(429, "RunLimitReachedException", limit.getMessage());
      }
    }
    return null;
  }

  /** Camunda's error JSON. */
  static Response camunda(int status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    body.put("code", null);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  @Priority(1)
  public static final class MethodNotAllowed implements ExceptionMapper<NotAllowedException> {

    @Context
    private Request request;

    @Override
    public Response toResponse(NotAllowedException e) {
      String allow = String.join(", ", e.getResponse().getAllowedMethods());
      Response reply = camunda(405, "NotAllowedException", "the method "
          + (request == null ? "used" : request.getMethod()) + " is not allowed here"
          + (allow.isEmpty() ? "" : "; allowed: " + allow));
      return Response.fromResponse(reply).allow(e.getResponse().getAllowedMethods()).build();
    }
  }

  @Priority(1)
  public static final class UnreadableParameter implements ExceptionMapper<ParamException> {

    @Override
    public Response toResponse(ParamException e) {
      boolean path = e instanceof ParamException.PathParamException;
      String kind = e.getParameterType() == null ? "parameter"
          : e.getParameterType().getSimpleName().replace("Param", "").toLowerCase()
              + " parameter";
      String cause = e.getCause() == null ? null
          : ProblemReplies.sanitise(e.getCause().getMessage(), "");
      return camunda(path ? 404 : 400, "InvalidRequestException", kind + " '"
          + e.getParameterName() + "' has a value that cannot be read"
          + (cause == null ? "" : " (" + cause + ")"));
    }
  }

  @Priority(1)
  public static final class UnreadableJson implements ExceptionMapper<JsonParseException> {

    @Override
    public Response toResponse(JsonParseException e) {
      return camunda(400, "InvalidRequestException", "the body is not valid JSON"
          + location(e) + said(e));
    }
  }

  @Priority(1)
  public static final class UnexpectedJson implements ExceptionMapper<JsonMappingException> {

    @Override
    public Response toResponse(JsonMappingException e) {
      return camunda(400, "InvalidRequestException", "the body is not the JSON this endpoint "
          + "expects" + location(e) + said(e));
    }
  }

  private static String said(com.fasterxml.jackson.core.JsonProcessingException e) {
    String said = e.getOriginalMessage();
    // Jackson's "(start marker at [Source: ...])" says nothing the location does not
    int marker = said == null ? -1 : said.indexOf(" (start marker at");
    said = ProblemReplies.sanitise(marker < 0 ? said : said.substring(0, marker), "");
    return said == null ? "" : ": " + said;
  }

  private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")";
  }
}
