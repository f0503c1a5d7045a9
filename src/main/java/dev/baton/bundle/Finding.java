package dev.baton.bundle;

/**
 * One thing the scan found in a bundle.
 *
 * @param kind what was checked: {@code schema}, {@code layout}, {@code zip}, {@code tool},
 *     {@code secret}, {@code placeholder}, {@code version}, {@code policy}, {@code test}
 * @param file the bundle file it is in ({@code manifest.json}, {@code prompts/main.txt}), or
 *     {@code (bundle)} for the bundle as a whole
 * @param path the JSON path inside that file ({@code $.requirements.required_tools[1]}), a
 *     line ({@code line 3}) for text files, or null
 */
public record Finding(Severity severity, String kind, String file, String path, String message,
    String hint) {

  public enum Severity { ERROR, WARNING }

  /** The file name used for findings about the whole bundle (its size, its entries). */
  public static final String WHOLE = "(bundle)";

  static Finding error(String kind, String file, String path, String message, String hint) {
    return new Finding(Severity.ERROR, kind, file, path, message, hint);
  }

  static Finding warning(String kind, String file, String path, String message, String hint) {
    return new Finding(Severity.WARNING, kind, file, path, message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + file
        + (path == null ? "" : " " + path) + ": " + message;
  }
}
