package dev.baton.webapp;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import dev.baton.webapp.Guides.Guide;
import dev.baton.webapp.Guides.Page;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /docs/}: Baton's guides for the people on the webapps (approvers, analysts,
 * operators), linked from the Welcome page and from incidents. Public like the guides in the
 * repository; pages carry a policy that runs no script.
 */
@RestController
class GuidesController {

  private static final String POLICY =
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
  private static final String STYLE = """
      body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;\
      color:#1d2733}header{border-bottom:3px solid #e0a526;margin-bottom:1.5rem}\
      header a{color:#1f3b57;font-weight:600;text-decoration:none}\
      table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.25rem .5rem}\
      code,pre{background:#f3f4f7}pre{padding:.75rem;overflow:auto}img{max-width:100%}""";

  private final Guides guides;

  GuidesController(Guides guides) {
    this.guides = guides;
  }

  @GetMapping({"/docs", "/docs/"})
  ResponseEntity<String> index() {
    String items = guides.list().stream()
        .map(guide -> "<li><a href=\"/docs/" + guide.name() + "\">" + htmlEscape(guide.title())
            + "</a></li>")
        .collect(Collectors.joining("\n"));
    return html("Baton guides", "<h1>Baton guides</h1>\n<ul>\n" + items + "\n</ul>");
  }

  @GetMapping("/docs/{name}")
  ResponseEntity<String> guide(@PathVariable String name) {
    Page page = guides.page(name).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "there is no guide named '" + name + "'; /docs/ lists them"));
    return html(page.title(), page.html());
  }

  @GetMapping({"/docs/{file:[a-z0-9._-]+\\.(?:png|svg)}",
      "/docs/images/{file:[a-z0-9._-]+\\.(?:png|svg)}"})
  ResponseEntity<Resource> picture(@PathVariable String file,
      jakarta.servlet.http.HttpServletRequest request) {
    String path = request.getRequestURI().substring("/docs/".length());
    Resource picture = guides.picture(path).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "there is no picture '" + path + "' in Baton's guides"));
    MediaType type = file.endsWith(".svg") ? MediaType.valueOf("image/svg+xml")
        : MediaType.IMAGE_PNG;
    return ResponseEntity.ok().contentType(type)
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .cacheControl(CacheControl.noCache()).body(picture);
  }

  private static ResponseEntity<String> html(String title, String body) {
    String page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>" + htmlEscape(title) + " · Baton</title><style>" + STYLE + "</style></head>"
        + "<body><header><p><a href=\"/docs/\">Baton guides</a> · "
        + "<a href=\"/camunda/app/welcome/\">Camunda webapps</a></p></header>\n" + body
        + "\n</body></html>";
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML,
            java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Security-Policy", POLICY)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache").body(page);
  }
}
