package dev.baton.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a worker-only process finds its engine ({@code baton.remote.*}).
 *
 * @param url the engine nodes' REST APIs, e.g. {@code
 *     http://engine-1:8080/engine-rest,http://engine-2:8080/engine-rest} (or a load balancer in
 *     front of them): requests rotate over them and move on when one is unreachable
 * @param username a Camunda user the worker authenticates as (HTTP Basic); from the environment
 * @param password its password; from the environment, never logged
 * @param longPoll how long fetchAndLock may wait on the engine for new tasks
 * @param connectTimeout TCP connect timeout to the engine
 * @param requestTimeout timeout of every other request
 */
@ConfigurationProperties("baton.remote")
record RemoteEngineProperties(
    @DefaultValue("http://localhost:8080/engine-rest") List<URI> url,
    @DefaultValue("demo") String username,
    @DefaultValue("") String password,
    @DefaultValue("5s") Duration longPoll,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration requestTimeout) {

  @Override
  public String toString() {
    return "RemoteEngineProperties[url=" + url + ", username=" + username + ", longPoll="
        + longPoll + "]";
  }
}
