package dev.baton.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Baton's guides ({@code docs/*.md}, packed into the jar under {@code baton/docs}) as HTML
 * pages, so that the Welcome page and an incident's link lead somewhere readable on the server
 * people already use. Links between guides ({@code approvals.md#gates}) become links between
 * pages ({@code approvals#gates}).
 */
@Component
class Guides {

  static final String LOCATION = "baton/docs/";
  /** A guide's name: a markdown file's name without {@code .md}; nothing that walks paths. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}");
  private static final Pattern GUIDE_LINK = Pattern.compile("^([a-z0-9][a-z0-9-]*)\\.md(#.*)?$");
  private static final Pattern TITLE = Pattern.compile("(?m)^#\\s+(.+)$");

  record Guide(String name, String title) {}

  record Page(String title, String html) {}

  private final List<Extension> extensions =
      List.of(TablesExtension.create(), HeadingAnchorExtension.create());
  private final Parser parser = Parser.builder().extensions(extensions).build();
  private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions)
      .sanitizeUrls(true).attributeProviderFactory(context -> guideLinks()).build();
  private final PathMatchingResourcePatternResolver resources =
      new PathMatchingResourcePatternResolver(Guides.class.getClassLoader());

  /** Every guide, by title. */
  List<Guide> list() {
    List<Guide> guides = new ArrayList<>();
    try {
      for (Resource resource : resources.getResources("classpath:" + LOCATION + "*.md")) {
        String file = resource.getFilename();
        String name = file.substring(0, file.length() - ".md".length());
        if (NAME.matcher(name).matches()) {
          guides.add(new Guide(name, titleOf(read(resource), name)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    guides.sort(Comparator.comparing(Guide::title));
    return guides;
  }

  /** The guide as HTML, or empty when there is no guide of that name. */
  Optional<Page> page(String name) {
    return markdown(name).map(text -> {
      Node document = parser.parse(text);
      return new Page(titleOf(text, name), renderer.render(document));
    });
  }

  /** A picture the guides show ({@code images/x.png}, {@code x.svg}), or empty. */
  Optional<Resource> picture(String path) {
    if (!path.matches("(images/)?[a-z0-9][a-z0-9._-]{0,80}\\.(png|svg)") || path.contains("..")) {
      return Optional.empty();
    }
    Resource resource = resources.getResource("classpath:" + LOCATION + path);
    return resource.exists() ? Optional.of(resource) : Optional.empty();
  }

  private Optional<String> markdown(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Resource resource = resources.getResource("classpath:" + LOCATION + name + ".md");
    return resource.exists() ? Optional.of(read(resource)) : Optional.empty();
  }

  private static String read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String titleOf(String markdown, String fallback) {
    Matcher title = TITLE.matcher(markdown);
    return title.find() ? title.group(1).strip() : fallback;
  }

  /** Rewrites {@code other.md#part} to the page {@code other#part}. */
  private static AttributeProvider guideLinks() {
    return (node, tag, attributes) -> {
      if (node instanceof Link && attributes.containsKey("href")) {
        Matcher link = GUIDE_LINK.matcher(attributes.get("href"));
        if (link.matches()) {
          attributes.put("href", link.group(1) + (link.group(2) == null ? "" : link.group(2)));
        }
      }
    };
  }
}
