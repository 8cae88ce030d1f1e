package dev.fleetmine.eval.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastEvaluatorTest {
  static AgentKey agent(String track) {
    return new AgentKey("log", 0, track);
  }

  static Forecast.Mode mode(double... xy) {
    double[] x = new double[xy.length / 2];
    double[] y = new double[xy.length / 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = xy[2 * i];
      y[i] = xy[2 * i + 1];
    }
    return new Forecast.Mode(x, y);
  }

  static ObservedTrack observed(String track, long[] ts, double... xy) {
    Forecast.Mode m = mode(xy);
    return new ObservedTrack(agent(track), ts, m.x(), m.y());
  }

  // A: mode 0 is off by 0, 1, 3 (ADE 4/3, FDE 3); mode 1 by 1, 1, 1 (ADE 1, FDE 1): best mode 1, p = 0.3
  static final Forecast A = new Forecast(agent("A"), new long[] {1, 2, 3},
      List.of(mode(1, 0, 2, 0, 3, 0), mode(1, 1, 2, 2, 3, 4)), new double[] {0.7, 0.3});
  // B: observed at 20..50, forecast at 10..40: only 20, 30, 40 count. Mode 0 is off by 0, 0, 3 (ADE 1,
  // FDE 3), mode 1 by 4, 4, 2 (ADE 10/3, FDE 2): the best FDE picks mode 1, so minADE is 10/3, not 1
  static final Forecast B = new Forecast(agent("B"), new long[] {10, 20, 30, 40},
      List.of(mode(5, 5, 0, 0, 0, 0, 0, 7), mode(5, 5, 4, 0, 0, 4, 0, 12)));
  // G: one mode, off by 0 then 5 (a 3-4-5 triangle): ADE 2.5, FDE 5, a miss, p = 1
  static final Forecast G = new Forecast(agent("G"), new long[] {1, 2}, List.of(mode(0, 0, 3, 4)),
      new double[] {1.0});
  static final List<Forecast> FORECASTS = List.of(A, B,
      new Forecast(agent("C"), new long[] {1}, List.of(mode(0, 0))),
      new Forecast(agent("D"), new long[] {1}, List.of(mode(0, 0))),
      new Forecast(agent("E"), new long[] {1}, List.of(mode(0, 0))), G);
  static final List<ObservedTrack> OBSERVED = List.of(
      observed("A", new long[] {1, 2, 3}, 1, 0, 2, 1, 3, 3),
      observed("B", new long[] {20, 30, 40, 50}, 0, 0, 0, 0, 0, 10, 0, 99),
      observed("C", new long[] {}),
      observed("E", new long[] {2}, 0, 0),
      observed("F", new long[] {1}, 0, 0),
      observed("G", new long[] {1, 2}, 0, 0, 0, 0));

  @Test
  void perAgentErrorsByHand() {
    ForecastResult r = ForecastEvaluator.evaluate(FORECASTS, OBSERVED);
    assertThat(r.agents()).containsExactly(
        new AgentError(agent("A"), 2, 3, 3, 1, 1.0, 1.0, false, 0.3, 1.49),
        new AgentError(agent("B"), 2, 3, 40, 1, 10.0 / 3, 2.0, false, Double.NaN, Double.NaN),
        new AgentError(agent("G"), 1, 2, 2, 0, 2.5, 5.0, true, 1.0, 5.0));
  }

  @Test
  void averagesOverScoredAgents() {
    ForecastResult r = ForecastEvaluator.evaluate(FORECASTS, OBSERVED);
    assertThat(r.minAde()).isCloseTo((1 + 10.0 / 3 + 2.5) / 3, within(1e-15));
    assertThat(r.minFde()).isEqualTo(8.0 / 3);
    assertThat(r.missRate()).isEqualTo(1.0 / 3); // B's FDE of exactly 2.0 m is not a miss
    assertThat(r.brierMinFde()).isEqualTo(3.245); // (1.49 + 5) / 2: B has no probabilities
    assertThat(r.withProbabilities()).isEqualTo(2);
  }

  @Test
  void agentsThatCannotBeScoredAreReported() {
    assertThat(ForecastEvaluator.evaluate(FORECASTS, OBSERVED).skipped()).containsExactly(
        new SkippedAgent(agent("C"), SkippedAgent.Reason.NO_OBSERVED_FUTURE),
        new SkippedAgent(agent("D"), SkippedAgent.Reason.NO_OBSERVED_FUTURE),
        new SkippedAgent(agent("E"), SkippedAgent.Reason.NO_COMMON_TIMESTAMPS),
        new SkippedAgent(agent("F"), SkippedAgent.Reason.NO_FORECAST));
  }

  @Test
  void worstAgentsComeFirst() {
    ForecastResult r = ForecastEvaluator.evaluate(FORECASTS, OBSERVED);
    assertThat(r.worst(ForecastMetric.MIN_FDE)).extracting(e -> e.agent().trackId()).containsExactly("G", "B", "A");
    assertThat(r.worst(ForecastMetric.MIN_ADE, 2)).extracting(e -> e.agent().trackId()).containsExactly("B", "G");
    assertThat(r.worst(ForecastMetric.BRIER_MIN_FDE)).extracting(e -> e.agent().trackId()).containsExactly("G", "A");
  }

  @Test
  void normalisingProbabilitiesIsAnOption() {
    Forecast halfMass = new Forecast(agent("A"), A.tsNs(), A.modes(), new double[] {0.35, 0.15});
    List<ObservedTrack> obs = List.of(OBSERVED.get(0));
    AgentError raw = ForecastEvaluator.evaluate(List.of(halfMass), obs).agents().get(0);
    assertThat(raw.bestProbability()).isEqualTo(0.15);
    assertThat(raw.brierMinFde()).isEqualTo(1.7225); // 1 + 0.85^2
    AgentError norm = ForecastEvaluator.evaluate(List.of(halfMass), obs, new ForecastConfig(2.0, true)).agents()
        .get(0);
    assertThat(norm.bestProbability()).isCloseTo(0.3, within(1e-15));
    assertThat(norm.brierMinFde()).isCloseTo(1.49, within(1e-15));
    AgentError strict = ForecastEvaluator.evaluate(List.of(halfMass), obs, new ForecastConfig(0.5, false))
        .agents().get(0);
    assertThat(strict.miss()).isTrue(); // FDE 1 > 0.5
  }

  @Test
  void noAgentsGiveNaNs() {
    ForecastResult r = ForecastEvaluator.evaluate(List.of(), List.of());
    assertThat(r.minAde()).isNaN();
    assertThat(r.missRate()).isNaN();
    assertThat(r.brierMinFde()).isNaN();
  }

  @Test
  void badInputNamesTheRecordTheAgentAndTheField() {
    assertThatThrownBy(() -> new Forecast(agent("A"), new long[] {1, 2, 3}, List.of(mode(1, 0, 2, 0, 3, 0),
        mode(1, 1, 2, 2)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Forecast(log@0/A).modes[1].x has 2 values, expected 3 (one per timestamp)");
    assertThatThrownBy(() -> new Forecast(agent("A"), new long[] {1}, List.of(mode(0, 0)), new double[] {1.2}))
        .hasMessage("Forecast(log@0/A).probabilities[0] must be in [0, 1], got 1.2");
    assertThatThrownBy(() -> new Forecast(agent("A"), new long[] {1}, List.of(mode(0, 0)), new double[] {0.5, 0.5}))
        .hasMessage("Forecast(log@0/A).probabilities has 2 values, expected 1 (one per mode)");
    assertThatThrownBy(() -> observed("A", new long[] {2, 2}, 0, 0, 1, 1))
        .hasMessage("ObservedTrack(log@0/A).tsNs must be strictly increasing, but tsNs[1]=2 follows 2");
    assertThatThrownBy(() -> observed("A", new long[] {1}, Double.NaN, 0))
        .hasMessage("ObservedTrack(log@0/A).x[0] must be finite, got NaN");
    assertThatThrownBy(() -> new Forecast(agent("A"), new long[] {1}, List.of()))
        .hasMessage("Forecast(log@0/A).modes must hold at least one mode");
    assertThatThrownBy(() -> ForecastEvaluator.evaluate(List.of(A, B, A), OBSERVED))
        .hasMessage("forecasts[2]: agent log@0/A already appears at forecasts[0]; expected one entry per agent");
  }
}
