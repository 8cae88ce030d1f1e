package dev.fleetmine.eval.forecast;

/**
 * An agent left out of the metrics, and why.
 *
 * @param agent  the agent
 * @param reason why it was not scored
 */
public record SkippedAgent(AgentKey agent, Reason reason) {

  /** Why an agent was not scored. */
  public enum Reason {
    /** A forecast exists but no observed future does (no track, or an empty one). */
    NO_OBSERVED_FUTURE,
    /** Forecast and observed future share no timestamp. */
    NO_COMMON_TIMESTAMPS,
    /** An observed future exists but no forecast for it: coverage, not error. */
    NO_FORECAST
  }
}
