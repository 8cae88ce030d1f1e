package dev.fleetmine.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.query.lang.Condition;
import dev.fleetmine.query.lang.Parser;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScanBoundsTest {
  /** The bounds of the where of the query's (single, top-level) quantifier, as SQL per column. */
  static Map<String, String> bounds(String query) {
    Condition.Quantified q = (Condition.Quantified) Parser.parse(query).condition();
    return ScanBounds.of(q.where(), q.variable()).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sql(e.getKey())));
  }

  @Test
  void cutInIsBoundedByTheHullOfBothSides() {
    assertThat(bounds("exists vehicle v where (abs(v.lat) >= 2.5 and abs(v.lat) < 5.25)"
        + " then (abs(v.lat) <= 1 and v.lon > 0 and v.lon < 20) within 5s"))
        .containsExactlyEntriesOf(Map.of("lat", "lat > -5.25 AND lat < 5.25"));
  }

  @Test
  void plainPredicatesIntersectAndNumbersMayStandLeft() {
    assertThat(bounds("exists car v where v.lon > 0 and 30 > v.lon and v.lon <= 20 and v.speed >= 2"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("lon", "lon > 0.0 AND lon <= 20.0", "speed", "speed >= 2.0"));
  }

  @Test
  void aColumnIsBoundedOnlyIfEverySideBoundsIt() {
    assertThat(bounds("exists car v where v.lon > 0 then v.lat < 1 within 2s")).isEmpty();
    assertThat(bounds("exists car v where (v.lon > 0 and v.lat < 1) or v.lon > 10 for 2s"))
        .containsExactlyEntriesOf(Map.of("lon", "lon > 0.0"));
  }

  @Test
  void notFlagsAndExpressionsDoNotBound() {
    assertThat(bounds("exists car v where not (v.lon > 5) then v.lon > 0 within 2s")).isEmpty();
    assertThat(bounds("exists car v where v.ahead then v.lon > 0 within 2s")).isEmpty();
    assertThat(bounds("exists car v where abs(v.lat) > 2 then abs(v.lat) > 3 within 2s")).isEmpty();
    assertThat(bounds("exists car v where v.lon != 3 then v.lon != 4 within 2s")).isEmpty();
  }
}
