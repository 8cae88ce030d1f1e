package dev.fleetmine.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An event over an interval of a log: a source flag, a labelled scenario, an injected truth.
 *
 * @param tsNs     start, nanoseconds
 * @param endNs    end, nanoseconds (>= tsNs)
 * @param type     event type such as {@code scenario:cut_in}
 * @param source   who says so
 * @param trackIds objects the event refers to (may be empty)
 * @param detail   a JSON object with event-specific fields
 */
public record EventSample(long tsNs, long endNs, String type, String source, List<String> trackIds, String detail) {
  public EventSample {
    requireNonNull(type, "type is null");
    requireNonNull(source, "source is null");
    requireNonNull(detail, "detail is null");
    trackIds = List.copyOf(trackIds);
    if (endNs < tsNs) {
      throw new IllegalArgumentException("event " + type + " ends (" + endNs + ") before it starts (" + tsNs + ")");
    }
  }
}
