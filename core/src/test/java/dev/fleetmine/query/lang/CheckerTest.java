package dev.fleetmine.query.lang;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact error messages: line:column, the line, a caret, and suggestions. */
class CheckerTest {
  static void check(String text, Map<String, String> library) {
    Checker.check(Parser.parse(text), name -> library.containsKey(name) ? Parser.parse(library.get(name)) : null);
  }

  static void check(String text) {
    check(text, Map.of());
  }

  @Test
  void unknownFieldSuggestsTheNearestName() {
    assertThatThrownBy(() -> check("exists pedestrian p where p.sped > 2")).isInstanceOf(QueryException.class)
        .hasMessage("""
            error at 1:27: unknown field 'sped' of object p
              exists pedestrian p where p.sped > 2
                                        ^^^^^^
            did you mean: speed""");
  }

  @Test
  void unknownKindListsKindsNearIt() {
    assertThatThrownBy(() -> check("exists pedestrain")).hasMessage("""
        error at 1:1: unknown object kind 'pedestrain'
          exists pedestrain
          ^^^^^^^^^^^^^^^^^
        did you mean: pedestrian""");
  }

  @Test
  void unknownVariableNamesTheVariablesInScope() {
    assertThatThrownBy(() -> check("exists car c where d.speed > 1")).hasMessageStartingWith(
        "error at 2:1".replace("2:1", "1:20") + ": unknown variable 'd'; in scope: ego, c");
  }

  @Test
  void flagsAndValuesAreNotInterchangeable() {
    assertThatThrownBy(() -> check("exists car c where c.distance")).hasMessageStartingWith(
        "error at 1:20: 'c.distance' is a value, not a condition; compare it, e.g. c.distance > 1");
    assertThatThrownBy(() -> check("ego.turn_left")).hasMessageStartingWith("error at 1:1: unknown flag 'turn_left' of ego")
        .hasMessageEndingWith("did you mean: turning_left");
    assertThatThrownBy(() -> check("ego.turn")).hasMessageStartingWith(
        "error at 1:1: 'ego.turn' is a value, not a condition; compare it, e.g. ego.turn > 1");
  }

  @Test
  void arithmeticKeepsUnits() {
    check("exists vehicle v where exists pedestrian p where lon_of(p, v) > v.length / 2 + 1 m");
    check("exists vehicle v where v.speed / ego.speed > 2 and -v.lat < 3");
    assertThatThrownBy(() -> check("exists vehicle v where v.length * v.width > 3")).hasMessageStartingWith(
        "error at 1:24: unit mismatch: a length * a length has no unit the language knows");
    assertThatThrownBy(() -> check("exists vehicle v where v.length + v.speed > 3")).hasMessageStartingWith(
        "error at 1:24: unit mismatch: a length + a speed has no unit the language knows");
    assertThatThrownBy(() -> check("exists vehicle v where heading_of(v, v) > 1 deg")).hasMessageStartingWith(
        "error at 1:24: heading_of relates two different variables");
  }

  @Test
  void unitsMustMatchTheField() {
    assertThatThrownBy(() -> check("exists car c where c.distance < 3 s")).hasMessage("""
        error at 1:33: unit mismatch: a length vs a time
          exists car c where c.distance < 3 s
                                          ^^^
        """.stripTrailing());
  }

  @Test
  void categoriesCompareWithCategoryNames() {
    assertThatThrownBy(() -> check("exists object o where o.category = spaceship"))
        .hasMessageStartingWith("error at 1:36: expected a category or group name");
  }

  @Test
  void parseErrorsPointAtTheToken() {
    assertThatThrownBy(() -> check("ego.braking then ego.stopped")).hasMessage("""
        error at 1:29: expected 'within', found end of query
          ego.braking then ego.stopped
                                      ^
        did you mean: within""");
    assertThatThrownBy(() -> check("ego.speed > 3\n  and ego.accel < < 2")).hasMessageStartingWith(
        "error at 2:19: expected a value, found '<'");
    assertThatThrownBy(() -> check("event \"open")).hasMessageStartingWith("error at 1:7: unterminated string");
  }

  @Test
  void scenariosMustExistAndNotReferToThemselves() {
    assertThatThrownBy(() -> check("scenario nope")).hasMessageStartingWith("error at 1:1: unknown scenario 'nope'");
    Map<String, String> lib = Map.of("a", "scenario a\nscenario b", "b", "scenario b\nscenario a");
    assertThatThrownBy(() -> check("scenario a", lib)).hasMessageContaining("refers to itself");
  }

  @Test
  void temporalOperatorsInsideANestedQuantifierAreRejected() {
    assertThatThrownBy(() -> check("exists car v where exists pedestrian p where p.moving for 2s"))
        .hasMessageContaining("temporal operators (for, then, within) are not supported inside a nested quantifier");
  }
}
