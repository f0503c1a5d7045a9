package dev.baton.decision;

import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;

/**
 * Camunda's FEEL engine with a cache of parsed expressions. Camunda 7.24 parses every input
 * entry, input expression and output entry of a table again on each evaluation, which is about
 * half of what the 17-rule budget table costs. The same contexts and value mappers as Camunda's
 * are used, so results and error messages are the same; an expression that does not parse is
 * left to Camunda's own path, which reports it as usual.
 *
 * <p>Most cells of a rule table are literals ({@code "run budget"}, {@code true}). Each FEEL
 * evaluation builds the engine's built-in function table anew, so a literal cell whose input has
 * the literal's type, or is null, is compared directly ({@link Literal}), and so is a boolean
 * variable compared with {@code true} or {@code false} ({@link BooleanCheck}, two of the budget
 * table's four inputs); anything else goes to FEEL.
 */
class CachingFeelEngine extends ScalaFeelEngine {

  /** More distinct expressions than this (many tables, many versions) start the cache over. */
  static final int MAX_CACHED = 10_000;

  private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
  private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

  /** The name under which FEEL finds the unary tests' input variable (Camunda's constant). */
  static final String INPUT_VARIABLE_NAME = "inputVariableName";

  /**
   * The FEEL engine of the parsed expressions, built as the superclass builds its own (same
   * value mappers and functions, external functions off). Not the superclass's field: Camunda
   * 7 keeps a FeelEngine there, Operaton a FeelEngineApi (docs/operaton.md).
   */
  private final FeelEngine feel;

  CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
    CompositeValueMapper values = new CompositeValueMapper(getValueMappers());
    this.feel = new FeelEngine.Builder()
        .functionProvider(new CustomFunctionTransformer(functionProviders, values))
        .valueMapper(values)
        .enableExternalFunctions(false)
        .build();
  }

  @Override
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    Literal literal = Literal.of(expression);
    if (literal != null) {
      @SuppressWarnings("unchecked")
      T value = (T) literal.value();
      return value;
    }
    BooleanCheck check = BooleanCheck.of(expression);
    if (check != null) {
      TypedValue variable = variables.resolve(check.variable());
      if (variable != null && variable.getValue() instanceof Boolean value) {
        @SuppressWarnings("unchecked")
        T answer = (T) Boolean.valueOf(check.answer(value));
        return answer;
      }
    }
    ParsedExpression parsed = parsed(expressions, expression, feel::parseExpression);
    if (parsed == null) {
      return super.evaluateSimpleExpression(expression, variables);
    }
    @SuppressWarnings("unchecked")
    T value = (T) valueOf(feel.eval(parsed, context(new ContextVariableWrapper(variables))));
    return value;
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable,
      VariableContext variables) {
    Literal literal = Literal.of(expression);
    if (literal != null) {
      TypedValue input = variables.resolve(inputVariable);
      Object value = input == null ? null : input.getValue();
      if (literal.decides(value)) {
        return literal.matches(value);
      }
    }
    ParsedExpression parsed = parsed(unaryTests, expression, feel::parseUnaryTests);
    if (parsed == null) {
      return super.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
    // as Camunda does: the unary tests find their input through this name
    VariableProvider input = new VariableProvider.StaticVariableProvider(
        new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME,
            inputVariable));
    VariableProvider both = new VariableProvider.CompositeVariableProvider(
        toScalaList(input, new ContextVariableWrapper(variables)));
    return BoxesRunTime.unboxToBoolean(valueOf(feel.eval(parsed, context(both))));
  }

  private static ParsedExpression parsed(Map<String, ParsedExpression> cache, String text,
      Function<String, Either<FeelEngine.Failure, ParsedExpression>> parser) {
    ParsedExpression known = cache.get(text);
    if (known != null) {
      return known;
    }
    Either<FeelEngine.Failure, ParsedExpression> result = parser.apply(text);
    if (result.isLeft()) {
      return null;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    ParsedExpression parsed = result.toOption().get();
    cache.put(text, parsed);
    return parsed;
  }

  private static Object valueOf(Either<FeelEngine.Failure, Object> result) {
    if (result instanceof Left<FeelEngine.Failure, Object> failure) {
      throw LOGGER.evaluationException(failure.value().message());
    }
    return result.toOption().get();
  }

  private static CustomContext context(VariableProvider variables) {
    return new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return variables;
      }
    };
  }
}
