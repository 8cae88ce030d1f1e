package dev.fleetmine.synth;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;

/**
 * A sink that keeps nothing: it counts rows and folds every value into a 64-bit digest, so two runs can
 * be compared for identical output without holding the rows.
 */
final class CountingSink implements LogSink {
  long logs;
  long egoRows;
  long objectRows;
  long events;
  long digest = 1469598103934665603L;

  @Override
  public void beginLog(LogInfo log) {
    logs++;
    mix(log.logId().hashCode());
    mix(log.metadata().hashCode());
  }

  @Override
  public void ego(EgoSample s) {
    egoRows++;
    mix(s.tsNs());
    mix(s.x());
    mix(s.y());
    mix(s.yaw());
    mix(s.speed());
  }

  @Override
  public void object(ObjectSample o) {
    objectRows++;
    mix(o.tsNs());
    mix(o.trackId().hashCode());
    mix(o.x());
    mix(o.y());
    mix(o.yaw());
    mix(o.vx());
    mix(o.vy());
    mix(o.length());
  }

  @Override
  public void event(EventSample e) {
    events++;
    mix(e.tsNs());
    mix(e.endNs());
    mix(e.type().hashCode());
    mix(e.trackIds().hashCode());
  }

  @Override
  public void endLog() {}

  private void mix(double v) {
    mix(Double.doubleToLongBits(v));
  }

  private void mix(long v) {
    digest = (digest ^ v) * 1099511628211L;
    digest ^= digest >>> 29;
  }
}
