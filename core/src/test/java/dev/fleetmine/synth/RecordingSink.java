package dev.fleetmine.synth;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import java.util.ArrayList;
import java.util.List;

/** Keeps every row of small fleets in memory, log by log, for tests that inspect them. */
final class RecordingSink implements LogSink {
  /** One log's rows in arrival order. */
  record Log(LogInfo info, List<EgoSample> ego, List<ObjectSample> objects, List<EventSample> events) {}

  final List<Log> logs = new ArrayList<>();
  private Log current;

  @Override
  public void beginLog(LogInfo log) {
    if (current != null) {
      throw new IllegalStateException("log " + current.info().logId() + " still open");
    }
    current = new Log(log, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }

  @Override
  public void ego(EgoSample s) {
    current.ego().add(s);
  }

  @Override
  public void object(ObjectSample o) {
    current.objects().add(o);
  }

  @Override
  public void event(EventSample e) {
    current.events().add(e);
  }

  @Override
  public void endLog() {
    logs.add(current);
    current = null;
  }
}
