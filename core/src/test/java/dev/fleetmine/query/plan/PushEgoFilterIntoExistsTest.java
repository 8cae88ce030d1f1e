package dev.fleetmine.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.query.lang.Condition;
import dev.fleetmine.query.lang.Parser;
import org.junit.jupiter.api.Test;

class PushEgoFilterIntoExistsTest {
  static Condition rewrite(String q) {
    return PushEgoFilterIntoExists.apply(Parser.parse(q).condition());
  }

  @Test
  void firesOnEgoPredicateAndExists() {
    Condition c = rewrite("ego.speed > 3 and (exists car v where v.ahead)");
    assertThat(c).isInstanceOf(Condition.Quantified.class);
    Condition.Quantified q = (Condition.Quantified) c;
    assertThat(q.where()).isInstanceOf(Condition.And.class);
    assertThat(((Condition.And) q.where()).right()).isInstanceOf(Condition.Compare.class);
    assertThat(rewrite("(at least 2 cars v where v.ahead) and ego.stopped")).isInstanceOf(Condition.Quantified.class);
    assertThat(((Condition.Quantified) rewrite("ego.moving and exists car")).where()).isInstanceOf(Condition.Flag.class);
  }

  @Test
  void doesNotFireWhereTheMeaningWouldChange() {
    assertThat(rewrite("ego.speed > 3 and no car v where v.ahead")).isInstanceOf(Condition.And.class);
    assertThat(rewrite("ego.speed > 3 and at most 1 car v where v.ahead")).isInstanceOf(Condition.And.class);
    assertThat(rewrite("ego.speed > 3 or exists car v where v.ahead")).isInstanceOf(Condition.Or.class);
    assertThat(rewrite("(exists car v where v.ahead) and (exists bus b where b.ahead)")).isInstanceOf(Condition.And.class);
  }

  @Test
  void doesNotFireIntoATemporalWhere() {
    assertThat(rewrite("ego.speed > 3 and (exists car v where v.left_lane then v.in_path within 3s)"))
        .isInstanceOf(Condition.And.class);
  }
}
