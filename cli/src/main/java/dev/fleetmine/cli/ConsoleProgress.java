package dev.fleetmine.cli;

import dev.fleetmine.ingest.Progress;
import java.io.PrintWriter;

/**
 * A text progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (so CI logs
 * stay readable).
 */
final class ConsoleProgress implements Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean terminal;
  private String task = "";
  private long total;
  private long done;
  private long startNanos;
  private long lastDrawNanos;
  private int lastDecile = -1;

  ConsoleProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void start(String task, long total) {
    this.task = task;
    this.total = total;
    this.done = 0;
    this.startNanos = System.nanoTime();
    this.lastDecile = -1;
    draw(true);
  }

  @Override
  public void advance(long n) {
    done += n;
    draw(false);
  }

  @Override
  public void finish() {
    draw(true);
    if (terminal) {
      err.println();
    }
    err.flush();
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    double secs = (now - startNanos) / 1e9;
    if (terminal) {
      if (!force && now - lastDrawNanos < 100_000_000L) {
        return;
      }
      lastDrawNanos = now;
      err.print("\r" + line(secs));
      err.flush();
      return;
    }
    int decile = total > 0 ? (int) (10 * done / total) : -1;
    if (force && done == 0 || decile > lastDecile) {
      lastDecile = decile;
      err.println(line(secs));
      err.flush();
    }
  }

  private String line(double secs) {
    if (total <= 0) {
      return String.format("%s: %,d done (%.1f s)", task, done, secs);
    }
    int filled = (int) Math.min(WIDTH, WIDTH * done / total);
    String eta = done > 0 && done < total ? String.format(", eta %.0f s", secs * (total - done) / done) : "";
    return String.format("%s [%s%s] %,d/%,d (%.1f s%s)", task, "#".repeat(filled), " ".repeat(WIDTH - filled),
        done, total, secs, eta);
  }
}
