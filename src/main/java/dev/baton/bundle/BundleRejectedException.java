package dev.baton.bundle;

import java.util.List;

/** A bundle the scan found errors in: refused (HTTP 422) with every finding, errors first. */
public class BundleRejectedException extends RuntimeException {

  private final transient List<Finding> findings;

  public BundleRejectedException(List<Finding> findings) {
    super("the bundle has " + findings.stream().filter(Finding::isError).count()
        + " error(s); each names its file and path");
    this.findings = List.copyOf(findings);
  }

  public List<Finding> errors() {
    return findings.stream().filter(Finding::isError).toList();
  }

  public List<Finding> warnings() {
    return findings.stream().filter(f -> !f.isError()).toList();
  }
}
