package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;

/** A sink that discards everything, for tests that only look at parse errors. */
final class NullSink implements LogSink {
  @Override
  public void beginLog(LogInfo log) {}

  @Override
  public void ego(EgoSample sample) {}

  @Override
  public void object(ObjectSample sample) {}

  @Override
  public void event(EventSample sample) {}

  @Override
  public void endLog() {}
}
