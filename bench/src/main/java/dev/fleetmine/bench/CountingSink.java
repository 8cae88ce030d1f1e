package dev.fleetmine.bench;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;

/** Counts rows and discards them: measures the generator alone. */
final class CountingSink implements LogSink {
  long ego;
  long objects;
  private double checksum;

  @Override
  public void beginLog(LogInfo log) {}

  @Override
  public void ego(EgoSample s) {
    ego++;
    checksum += s.x();
  }

  @Override
  public void object(ObjectSample o) {
    objects++;
    checksum += o.x();
  }

  @Override
  public void event(EventSample e) {}

  @Override
  public void endLog() {}

  /** Keeps the JIT from discarding the samples. */
  double checksum() {
    return checksum;
  }
}
