package dev.baton.workflow.bpmn;

import dev.baton.problem.BadRequestException;
import dev.baton.problem.UnprocessableException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.ModelException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A BPMN file read for the round trip: the Model API's instance (schema-checked, for the
 * diagram) and its DOM (for comparing elements part by part), with its one process and the
 * process's flow elements by id.
 */
final class BpmnDocument {

  private final BpmnModelInstance model;
  private final Element process;
  private final Map<String, Element> elements = new LinkedHashMap<>();

  private BpmnDocument(BpmnModelInstance model, Element process) {
    this.model = model;
    this.process = process;
    for (Element child : Xml.children(process)) {
      String id = Xml.attr(child, "id");
      if (id != null && !Xml.isBpmn(child, "documentation")
          && !Xml.isBpmn(child, "extensionElements")) {
        elements.put(id, child);
      }
    }
  }

  /**
   * Reads uploaded XML. No DTD is accepted (no entities, nothing fetched); the Model API checks
   * the rest against the BPMN schema.
   *
   * @throws BadRequestException when it is not BPMN 2.0 XML
   * @throws UnprocessableException when it is not one executable process
   */
  static BpmnDocument read(String xml) {
    if (xml == null || xml.isBlank()) {
      throw new BadRequestException("the body is empty: send the BPMN XML as Camunda Modeler "
          + "saves it (Content-Type application/xml)");
    }
    if (xml.toUpperCase(Locale.ROOT).contains("<!DOCTYPE")) {
      throw new BadRequestException("a BPMN file has no DOCTYPE; remove it");
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(
          new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (ModelException e) {
      throw new BadRequestException("not BPMN 2.0 XML: " + firstLine(e));
    }
    Document document = (Document) model.getDocument().getDomSource().getNode();
    Element definitions = document.getDocumentElement();
    if (!Xml.child(definitions, Xml.BPMN, "collaboration").isEmpty()) {
      throw new UnprocessableException("the BPMN has pools (a collaboration); Baton deploys "
          + "one process without pools: remove the pool in the Modeler");
    }
    List<Element> processes = Xml.children(definitions, Xml.BPMN, "process");
    if (processes.size() != 1) {
      throw new UnprocessableException("the BPMN has " + processes.size() + " processes; "
          + "Baton deploys exactly one (its id is the workflow's slug)");
    }
    return new BpmnDocument(model, processes.get(0));
  }

  /** From BPMN Baton wrote itself (a deployed version): trusted to parse. */
  static BpmnDocument trusted(String xml) {
    return read(xml);
  }

  BpmnModelInstance model() {
    return model;
  }

  Element process() {
    return process;
  }

  String processId() {
    return Xml.attr(process, "id");
  }

  /** Flow elements and artifacts directly in the process, by id, in document order. */
  Map<String, Element> elements() {
    return elements;
  }

  Element element(String id) {
    return elements.get(id);
  }

  private static String firstLine(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String text = String.valueOf(cause.getMessage());
    int newline = text.indexOf('\n');
    text = newline > 0 ? text.substring(0, newline) : text;
    return text.length() > 300 ? text.substring(0, 297) + "..." : text;
  }
}
