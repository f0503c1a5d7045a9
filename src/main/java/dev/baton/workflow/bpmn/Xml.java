package dev.baton.workflow.bpmn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Namespaces and DOM helpers for reading BPMN without the Model API's typing. */
final class Xml {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private Xml() {}

  static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        children.add(e);
      }
    }
    return children;
  }

  static List<Element> children(Element parent, String ns, String local) {
    return children(parent).stream().filter(c -> is(c, ns, local)).toList();
  }

  static Optional<Element> child(Element parent, String ns, String local) {
    return children(parent, ns, local).stream().findFirst();
  }

  static boolean is(Element e, String ns, String local) {
    return ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
  }

  static boolean isBpmn(Element e, String local) {
    return is(e, BPMN, local);
  }

  /** An attribute without namespace, or null when it is absent or empty. */
  static String attr(Element e, String name) {
    String value = e.getAttribute(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** A camunda: attribute, or null when absent or empty. */
  static String camunda(Element e, String name) {
    String value = e.getAttributeNS(CAMUNDA, name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The element's documentation text, or null. */
  static String documentation(Element e) {
    return child(e, BPMN, "documentation").map(Element::getTextContent).map(String::strip)
        .filter(t -> !t.isEmpty()).orElse(null);
  }

  /** The value of a camunda:property of the element's extensions, or null when absent/empty. */
  static String property(Element e, String name) {
    for (Element ext : children(e, BPMN, "extensionElements")) {
      for (Element props : children(ext, CAMUNDA, "properties")) {
        for (Element p : children(props, CAMUNDA, "property")) {
          if (name.equals(p.getAttribute("name"))) {
            String value = p.getAttribute("value");
            return value == null || value.isEmpty() ? null : value;
          }
        }
      }
    }
    return null;
  }

  /** Text that Camunda would evaluate as JUEL if it landed in an expression attribute. */
  static boolean looksLikeExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }
}
