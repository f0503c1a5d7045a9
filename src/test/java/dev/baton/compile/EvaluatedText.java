package dev.baton.compile;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every attribute and text of a BPMN document that Camunda may evaluate. Conservative: all of
 * them count, except the few places Camunda's {@code BpmnParse} stores without evaluating and
 * Baton fills with user text. A new attribute the compiler starts to write is therefore checked
 * until someone proves, here, that the engine does not evaluate it.
 */
final class EvaluatedText {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  /** Where a text is ({@code userTask#review@name}) and the text. */
  record Found(String where, String text) {}

  private EvaluatedText() {}

  static List<Found> in(String xml) {
    List<Found> found = new ArrayList<>();
    walk(parse(xml).getDocumentElement(), found);
    return found;
  }

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("compiled BPMN is not well-formed XML", e);
    }
  }

  private static void walk(Element element, List<Found> found) {
    String where = element.getLocalName() + "#" + element.getAttribute("id");
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      if (!notEvaluated(element, attribute)) {
        found.add(new Found(where + "@" + attribute.getName(), attribute.getValue()));
      }
    }
    boolean leaf = true;
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child) {
        leaf = false;
        walk(child, found);
      }
    }
    // BpmnParse.parseDocumentation keeps a documentation's text as a plain property
    boolean documentation = BPMN.equals(element.getNamespaceURI())
        && "documentation".equals(element.getLocalName());
    if (leaf && !documentation && !element.getTextContent().isBlank()) {
      found.add(new Found(where + "/text()", element.getTextContent()));
    }
  }

  /**
   * The places BpmnParse keeps as they are: the {@code name} of every element but a user task
   * ({@code activity.setProperty("name", ...)}; only {@code parseUserTask} turns the name into
   * an expression), extension property values ({@code camunda:property}, read back as plain
   * strings by {@code getExtensionProperties}), the process's version tag (and, in {@link
   * #walk}, the text of a {@code documentation}).
   */
  private static boolean notEvaluated(Element element, Attr attribute) {
    String namespace = attribute.getNamespaceURI();
    String name = attribute.getLocalName();
    if ("http://www.w3.org/2000/xmlns/".equals(namespace)) {
      return true;
    }
    boolean bpmnElement = BPMN.equals(element.getNamespaceURI());
    if (namespace == null && "name".equals(name) && bpmnElement
        && !"userTask".equals(element.getLocalName())) {
      return true;
    }
    if (CAMUNDA.equals(element.getNamespaceURI()) && "property".equals(element.getLocalName())
        && namespace == null && "value".equals(name)) {
      return true;
    }
    return bpmnElement && "process".equals(element.getLocalName()) && CAMUNDA.equals(namespace)
        && "versionTag".equals(name);
  }

  /** Elements of a kind, for targeted checks. */
  static List<Element> elements(String xml, String namespace, String localName) {
    NodeList list = parse(xml).getElementsByTagNameNS(namespace, localName);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      Node node = list.item(i);
      elements.add((Element) node);
    }
    return elements;
  }
}
