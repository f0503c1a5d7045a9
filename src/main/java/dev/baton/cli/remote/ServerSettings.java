package dev.baton.cli.remote;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Which server to call, as whom: the command line's options, then the environment
 * ({@code BATON_URL}, {@code BATON_USER}, {@code BATON_PASSWORD}), then the config file
 * ({@code server}, {@code user}, {@code password} in {@code $BATON_CONFIG} or
 * {@code ~/.config/baton/cli.properties}). The password is never an option: the command line
 * is visible to every user of the machine.
 *
 * @param warning something the user should fix (a password file others can read), or null
 */
record ServerSettings(URI server, String user, String password, String warning) {

  static final String DEFAULT_SERVER = "http://localhost:8080/";

  static ServerSettings resolve(String serverOption, String userOption, Path configOption,
      Function<String, String> environment) {
    Path config = configOption != null ? configOption
        : environment.apply("BATON_CONFIG") != null ? Path.of(environment.apply("BATON_CONFIG"))
        : defaultConfig(environment);
    Properties file = read(config, configOption != null);
    String server = first(serverOption, environment.apply("BATON_URL"),
        file.getProperty("server"), DEFAULT_SERVER);
    String user = first(userOption, environment.apply("BATON_USER"), file.getProperty("user"),
        null);
    String password = first(environment.apply("BATON_PASSWORD"), file.getProperty("password"),
        null, null);
    if (user == null || password == null) {
      throw new ApiException("who are you? Set BATON_USER and BATON_PASSWORD, or put user= and "
          + "password= in " + config + " (a Camunda user, e.g. demo/demo on a demo installation)",
          ExitCode.DENIED, null);
    }
    String warning = file.getProperty("password") != null && readableByOthers(config)
        ? config + " holds a password and others may read it; chmod 600 " + config : null;
    return new ServerSettings(uri(server), user, password, warning);
  }

  ApiClient client() {
    return new ApiClient(server, user, password);
  }

  private static Path defaultConfig(Function<String, String> environment) {
    String home = environment.apply("HOME");
    return Path.of(home == null ? System.getProperty("user.home") : home,
        ".config", "baton", "cli.properties");
  }

  private static Properties read(Path config, boolean named) {
    Properties properties = new Properties();
    if (!Files.isRegularFile(config)) {
      if (named) {
        throw new ApiException("config file " + config + " does not exist", ExitCode.USAGE,
            null);
      }
      return properties;
    }
    try (Reader reader = Files.newBufferedReader(config)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiException("cannot read config file " + config + ": " + e.getMessage(),
          ExitCode.USAGE, null);
    }
    return properties;
  }

  private static boolean readableByOthers(Path config) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(config);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static URI uri(String server) {
    try {
      URI uri = URI.create(server.endsWith("/") ? server : server + "/");
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("scheme must be http or https");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ApiException("server '" + server + "' is not an http(s) URL: " + e.getMessage(),
          ExitCode.USAGE, null);
    }
  }

  private static String first(String a, String b, String c, String fallback) {
    for (String value : new String[] {a, b, c}) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return fallback;
  }
}
