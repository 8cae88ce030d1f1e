package dev.fleetmine.ingest;

/** Receives progress of long work; the CLI draws a bar, the Java API may ignore it. */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void start(String task, long total) {}

    @Override
    public void advance(long done) {}

    @Override
    public void finish() {}
  };

  /** A new task of {@code total} units (or -1 when unknown). */
  void start(String task, long total);

  /** {@code done} more units are finished. */
  void advance(long done);

  void finish();
}
