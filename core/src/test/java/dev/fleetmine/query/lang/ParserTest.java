package dev.fleetmine.query.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.query.lang.Condition.And;
import dev.fleetmine.query.lang.Condition.Compare;
import dev.fleetmine.query.lang.Condition.Or;
import dev.fleetmine.query.lang.Condition.Quantified;
import dev.fleetmine.query.lang.Condition.Then;
import dev.fleetmine.query.lang.Condition.Within;
import org.junit.jupiter.api.Test;

class ParserTest {
  @Test
  void andBindsTighterThanOrAndThenIsLoosest() {
    Condition c = Parser.parse("ego.speed > 1 or ego.speed < 0 and ego.accel < 0 then ego.stopped within 2s").condition();
    assertThat(c).isInstanceOf(Then.class);
    Then t = (Then) c;
    assertThat(t.seconds()).isEqualTo(2.0);
    assertThat(t.first()).isInstanceOf(Or.class);
    assertThat(((Or) t.first()).right()).isInstanceOf(And.class);
  }

  @Test
  void unitsConvertToSi() {
    Compare c = (Compare) Parser.parse("ego.speed > 36 km/h").condition();
    assertThat(((Operand.Number) c.right()).value()).isCloseTo(10.0, within(1e-12));
    assertThat(((Operand.Number) c.right()).dimension()).isEqualTo(Operand.Dimension.SPEED);
    Compare a = (Compare) Parser.parse("ego.accel < -0.5 g").condition();
    assertThat(((Operand.Number) a.right()).value()).isCloseTo(-4.903325, within(1e-9));
    Compare r = (Compare) Parser.parse("ego.yaw_rate > 10 deg/s").condition();
    assertThat(((Operand.Number) r.right()).value()).isCloseTo(Math.toRadians(10), within(1e-12));
  }

  @Test
  void headersAndClauses() {
    Query q = Parser.parse("scenario demo\ndescription \"a demo\"\nego.stopped\npad 2s before 3s after\nsource pointrcnn");
    assertThat(q.name()).isEqualTo("demo");
    assertThat(q.description()).isEqualTo("a demo");
    assertThat(q.padBefore()).isEqualTo(2.0);
    assertThat(q.padAfter()).isEqualTo(3.0);
    assertThat(q.source()).isEqualTo("pointrcnn");
    assertThat(Parser.parse("ego.stopped pad 500ms").padAfter()).isEqualTo(0.5);
  }

  @Test
  void quantifierFormsAndDefaultVariable() {
    Quantified q = (Quantified) Parser.parse("at least 3 pedestrians where pedestrians.distance < 5").condition();
    assertThat(q.quantifier()).isEqualTo(Condition.Quantifier.AT_LEAST);
    assertThat(q.count()).isEqualTo(3);
    assertThat(q.variable()).isEqualTo("pedestrians");
    assertThat(((Quantified) Parser.parse("no vehicle").condition()).where()).isNull();
  }

  @Test
  void withinIsPostfixOnlyWhenBeforeOrAfterFollows() {
    assertThat(Parser.parse("ego.stopped within 2s after ego.braking").condition()).isInstanceOf(Within.class);
    assertThat(Parser.parse("ego.braking then ego.stopped within 2s").condition()).isInstanceOf(Then.class);
  }

  @Test
  void betweenAndInDesugar() {
    assertThat(Parser.parse("ego.speed between 5 and 10").condition()).isInstanceOf(And.class);
    Quantified q = (Quantified) Parser.parse("exists object o where o.category in (car, bus, truck)").condition();
    assertThat(q.where()).isInstanceOf(Or.class);
  }
}
