package dev.baton.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * What a browser does in Camunda's webapps: fetch a page for the XSRF cookie, log in to one
 * app (cockpit, tasklist, admin) with the token echoed, then call the webapp's engine API.
 */
final class WebappSession {

  private final CookieManager cookies = new CookieManager();
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String base;

  WebappSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** @return the login's HTTP status: 200 when the user may use that app */
  int login(String app, String user, String password) throws IOException, InterruptedException {
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/")).build(),
        HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", xsrf())
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
        .build(), HttpResponse.BodyHandlers.ofString());
    return login.statusCode();
  }

  /** A GET through the webapp's engine API, e.g. {@code /camunda/api/engine/engine/default/task}. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String xsrf() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("the webapp set no XSRF-TOKEN cookie"));
  }
}
