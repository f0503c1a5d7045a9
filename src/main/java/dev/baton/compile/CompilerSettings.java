package dev.baton.compile;

/**
 * What the compiler writes besides the spec itself.
 *
 * @param historyTimeToLive camunda:historyTimeToLive of every process (Camunda 7.20+ refuses
 *     processes without one), e.g. {@code P30D}
 * @param exporterVersion written as the definitions' exporterVersion
 */
public record CompilerSettings(String historyTimeToLive, String exporterVersion) {

  public static final CompilerSettings DEFAULTS = new CompilerSettings("P30D", "0.1");
}
