package dev.fleetmine.ingest;

/**
 * Where importers and the synthetic fleet write logs. Calls for one log are bracketed by
 * {@link #beginLog} and {@link #endLog}; rows may come in any order within a log.
 *
 * <p>Nothing a sink receives is visible in the lake until the whole ingest commits.
 */
public interface LogSink {
  void beginLog(LogInfo log);

  void ego(EgoSample sample);

  void object(ObjectSample sample);

  void event(EventSample sample);

  /** Ends the current log: the sink validates it and derives its kinematics. */
  void endLog();
}
