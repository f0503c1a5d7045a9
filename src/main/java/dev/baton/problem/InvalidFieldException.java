package dev.baton.problem;

/**
 * One field of a request is refused (HTTP 422): too long, too large, out of range. Carries the
 * field's JSON path ({@code $.input_data}, {@code $.daily_usd}) and what would fix it, which the
 * API puts into the problem+json as {@code path} and {@code hint}.
 */
public class InvalidFieldException extends UnprocessableException {

  private final String path;
  private final String hint;

  public InvalidFieldException(String path, String message, String hint) {
    super(message);
    this.path = path;
    this.hint = hint;
  }

  public String path() {
    return path;
  }

  public String hint() {
    return hint;
  }
}
