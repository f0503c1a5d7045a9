package dev.baton.workflow.bpmn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What of an element the engine would act on, as comparable text per part (each attribute, each
 * child), leaving out what an analyst may change or what Baton writes anew anyway: names,
 * documentation, the flows listed as incoming/outgoing, the template links, diagram-only
 * attributes of other namespaces, and the extension properties the caller names. Two elements
 * with equal parts behave alike on the engine; a part that differs is an edit Baton cannot
 * take.
 */
final class Fingerprint {

  private static final Set<String> SKIPPED_ATTRIBUTES = Set.of("name",
      "{" + Xml.CAMUNDA + "}modelerTemplate", "{" + Xml.CAMUNDA + "}modelerTemplateVersion");

  /**
   * BPMN and Camunda attributes at their default: written or not, they mean the same (the
   * Model API writes some out, bpmn-js leaves them out).
   */
  private static final Map<String, Set<String>> DEFAULTS = Map.ofEntries(
      Map.entry("completionQuantity", Set.of("1")), Map.entry("startQuantity", Set.of("1")),
      Map.entry("isForCompensation", Set.of("false")),
      Map.entry("implementation", Set.of("##WebService", "##unspecified")),
      Map.entry("isInterrupting", Set.of("true")), Map.entry("parallelMultiple", Set.of("false")),
      Map.entry("gatewayDirection", Set.of("Unspecified")),
      Map.entry("cancelActivity", Set.of("true")), Map.entry("isImmediate", Set.of("false")),
      Map.entry("isClosed", Set.of("false")), Map.entry("processType", Set.of("None")),
      Map.entry("instantiate", Set.of("false")), Map.entry("eventGatewayType", Set.of("Exclusive")),
      Map.entry("triggeredByEvent", Set.of("false")), Map.entry("isSequential", Set.of("false")),
      Map.entry("textFormat", Set.of("text/plain")), Map.entry("waitForCompletion", Set.of("true")),
      // Camunda's (bpmn-js leaves them out when they are at their default)
      Map.entry("asyncBefore", Set.of("false")), Map.entry("asyncAfter", Set.of("false")),
      Map.entry("async", Set.of("false")), Map.entry("exclusive", Set.of("true")),
      Map.entry("isStartableInTasklist", Set.of("true")),
      Map.entry("decisionRefBinding", Set.of("latest")),
      Map.entry("calledElementBinding", Set.of("latest")),
      Map.entry("mapDecisionResult", Set.of("resultList")));

  private Fingerprint() {}

  /**
   * The parts of an element: {@code @attribute} and {@code child#n} keys.
   *
   * @param skipAttributes further top-level attributes to leave out ({@code {ns}local} or a
   *     plain name)
   * @param skipProperties camunda:property names to leave out
   */
  static Map<String, String> parts(Element element, Set<String> skipAttributes,
      Set<String> skipProperties) {
    Map<String, String> parts = new TreeMap<>();
    attributes(element).forEach((name, value) -> {
      if (!SKIPPED_ATTRIBUTES.contains(name) && !skipAttributes.contains(name)
          && !skipAttributes.contains(plain(name))) {
        parts.put("@" + name, value);
      }
    });
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Element child : Xml.children(element)) {
      if (skippedChild(child)) {
        continue;
      }
      if (Xml.isBpmn(child, "extensionElements")) {
        extensions(child, skipProperties, parts);
        continue;
      }
      String text = canonical(child);
      String key = child.getLocalName();
      int n = seen.merge(key, 1, Integer::sum);
      parts.put(n == 1 ? key : key + "#" + n, text);
    }
    return parts;
  }

  /** The keys whose parts differ between two elements, readable ("attribute camunda:topic"). */
  static List<String> differences(Map<String, String> base, Map<String, String> edited) {
    List<String> differences = new ArrayList<>();
    java.util.SortedSet<String> keys = new java.util.TreeSet<>(base.keySet());
    keys.addAll(edited.keySet());
    for (String key : keys) {
      if (!java.util.Objects.equals(base.get(key), edited.get(key))) {
        String plainKey = key.replaceFirst("#\\d+$", "");
        String text = key.startsWith("@") ? "attribute " + readable(key.substring(1))
            : key.startsWith("extension property ") ? "property " + plainKey.substring(
                "extension property ".length())
            : key.startsWith("extension ") ? "<" + plainKey.substring("extension ".length()) + ">"
            : "<" + plainKey + ">";
        if (!differences.contains(text)) {
          differences.add(text);
        }
      }
    }
    return differences;
  }

  private static String readable(String name) {
    return name.startsWith("{" + Xml.CAMUNDA + "}") ? "camunda:" + plain(name) : plain(name);
  }

  private static String plain(String name) {
    int close = name.indexOf('}');
    return close < 0 ? name : name.substring(close + 1);
  }

  private static boolean skippedChild(Element child) {
    return Xml.isBpmn(child, "documentation") || Xml.isBpmn(child, "incoming")
        || Xml.isBpmn(child, "outgoing");
  }

  /**
   * Extension elements, one part each (a property by its name, a listener or mapping by its
   * kind), without the skipped properties.
   */
  private static void extensions(Element extensions, Set<String> skipProperties,
      Map<String, String> parts) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Element child : Xml.children(extensions)) {
      if (Xml.is(child, Xml.CAMUNDA, "properties")) {
        for (Element property : Xml.children(child)) {
          String name = property.getAttribute("name");
          if (Xml.is(property, Xml.CAMUNDA, "property") && skipProperties.contains(name)) {
            continue;
          }
          String key = "extension property " + name;
          int n = seen.merge(key, 1, Integer::sum);
          parts.put(n == 1 ? key : key + "#" + n, canonical(property));
        }
      } else {
        String key = "extension " + (Xml.CAMUNDA.equals(child.getNamespaceURI()) ? "camunda:"
            : "") + child.getLocalName();
        int n = seen.merge(key, 1, Integer::sum);
        parts.put(n == 1 ? key : key + "#" + n, canonical(child));
      }
    }
  }

  /** An element and everything in it, names and documentation left out. */
  static String canonical(Element element) {
    StringBuilder text = new StringBuilder("{").append(element.getNamespaceURI()).append('}')
        .append(element.getLocalName()).append(attributes(element).entrySet().stream()
            .filter(a -> !SKIPPED_ATTRIBUTES.contains(a.getKey()))
            .map(a -> a.getKey() + "=" + a.getValue()).toList()).append('(');
    StringBuilder content = new StringBuilder();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        if (!skippedChild(child)) {
          text.append(canonical(child));
        }
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        content.append(n.getNodeValue());
      }
    }
    String body = content.toString().strip();
    if (!body.isEmpty()) {
      text.append('"').append(body).append('"');
    }
    return text.append(')').toString();
  }

  /**
   * Attributes the engine reads: no namespace declarations, none of other namespaces (the
   * Modeler's colours and the like), xsi:type with its prefix resolved.
   */
  private static Map<String, String> attributes(Element element) {
    Map<String, String> attributes = new TreeMap<>();
    NamedNodeMap all = element.getAttributes();
    for (int i = 0; i < all.getLength(); i++) {
      Attr a = (Attr) all.item(i);
      String ns = a.getNamespaceURI();
      if (Xml.XMLNS.equals(ns) || "xmlns".equals(a.getName()) || a.getName().startsWith("xmlns:")) {
        continue;
      }
      String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
      if (!a.getSpecified() || DEFAULTS.getOrDefault(local, Set.of()).contains(a.getValue())) {
        continue; // the schema's default, filled in by validation or written out by a tool
      }
      if (ns == null || ns.isEmpty()) {
        attributes.put(local, a.getValue());
      } else if (Xml.CAMUNDA.equals(ns)) {
        attributes.put("{" + ns + "}" + local, a.getValue());
      } else if (Xml.XSI.equals(ns) && "type".equals(local)) {
        attributes.put("{" + ns + "}type", resolve(element, a.getValue()));
      }
    }
    return attributes;
  }

  private static String resolve(Element element, String qname) {
    int colon = qname.indexOf(':');
    String prefix = colon < 0 ? null : qname.substring(0, colon);
    String ns = element.lookupNamespaceURI(prefix);
    return "{" + ns + "}" + qname.substring(colon + 1);
  }
}
