package dev.baton.cli.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** What a new workflow version may be given besides its spec: title, version, tenant. */
final class DeploymentOptions {

  @Option(names = "--title", description = "title (default: the spec's metadata.name)")
  String title;

  @Option(names = "--version", description = "version (default: the spec's metadata.version)")
  String version;

  @Option(names = "--tenant", description = "tenant, for a user of several")
  String tenant;

  ObjectNode addTo(ObjectNode body) {
    return body.put("title", title).put("version", version).put("tenant_id", tenant);
  }
}
