package dev.baton.compile;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;

/**
 * Camunda's own reading of an attribute it evaluates: its expression manager (the one the
 * engine builds expressions with) says whether a text is literal and what it evaluates to, and
 * its JUEL parser (with the engine's JEE6 features) gives the tree of an expression, reduced to
 * a shape in which every string and number literal is a placeholder.
 */
final class CamundaJuel {

  private static final JuelExpressionManager MANAGER = new JuelExpressionManager();
  private static final Builder PARSER =
      new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private CamundaJuel() {}

  /** Whether Camunda reads the text as plain text, with no expression in it. */
  static boolean isLiteral(String text) {
    return MANAGER.createExpression(text).isLiteralText();
  }

  /** What the engine evaluates a literal text to. */
  static Object literalValue(String text) {
    return MANAGER.createValueExpression(text)
        .getValue(MANAGER.createElContext(Variables.emptyVariableContext()));
  }

  /**
   * The expression's structure with string and number literals abstracted: {@code
   * AstEval[AstMethod[AstDot(conditions . test)..., AstParameters[AstIdentifier(execution),
   * "?", ...]]]}. Identifiers and method names stay, so any code a text adds changes it.
   */
  static String shape(String expression) {
    StringBuilder out = new StringBuilder();
    shape(PARSER.build(expression).getRoot(), out);
    return out.toString();
  }

  /** The values of every string literal of an expression, as the engine will pass them. */
  static List<String> strings(String expression) {
    List<String> values = new ArrayList<>();
    strings(PARSER.build(expression).getRoot(), values);
    return values;
  }

  static Tree tree(String expression) {
    return PARSER.build(expression);
  }

  private static void shape(Node node, StringBuilder out) {
    if (node instanceof AstString) {
      out.append("\"?\"");
      return;
    }
    if (node instanceof AstNumber) {
      out.append('N');
      return;
    }
    out.append(node.getClass().getSimpleName()).append('(').append(node).append(')');
    if (node.getCardinality() > 0) {
      out.append('[');
      for (int i = 0; i < node.getCardinality(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        shape(node.getChild(i), out);
      }
      out.append(']');
    }
  }

  private static void strings(Node node, List<String> out) {
    if (node instanceof AstString string) {
      out.add((String) string.eval(null, null));
      return;
    }
    for (int i = 0; i < node.getCardinality(); i++) {
      strings(node.getChild(i), out);
    }
  }
}
