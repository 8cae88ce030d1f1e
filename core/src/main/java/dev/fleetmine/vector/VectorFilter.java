package dev.fleetmine.vector;

import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Which vectors a search may return; every part is optional (empty list / null = no restriction). Parts
 * are ANDed; values inside a part are ORed (a clip matches {@code categories} if it has any of them).
 *
 * @param logs allowed log ids
 * @param sources allowed sources
 * @param categories at least one of these categories
 * @param tags at least one of these scenario tags
 * @param fromNs clip must end at or after this time (null = unbounded)
 * @param toNs clip must start at or before this time (null = unbounded)
 * @param excludedLogs log ids whose clips are never returned (e.g. the query clip's own log)
 */
public record VectorFilter(List<String> logs, List<String> sources, List<String> categories, List<String> tags, Long fromNs,
    Long toNs, List<String> excludedLogs) {

  /** No restriction. */
  public static final VectorFilter NONE = new VectorFilter(List.of(), List.of(), List.of(), List.of(), null, null);

  /** A filter that excludes no log. */
  public VectorFilter(List<String> logs, List<String> sources, List<String> categories, List<String> tags, Long fromNs,
      Long toNs) {
    this(logs, sources, categories, tags, fromNs, toNs, List.of());
  }

  public VectorFilter {
    excludedLogs = excludedLogs == null ? List.of() : List.copyOf(excludedLogs);
    logs = logs == null ? List.of() : List.copyOf(logs);
    sources = sources == null ? List.of() : List.copyOf(sources);
    categories = categories == null ? List.of() : List.copyOf(categories);
    tags = tags == null ? List.of() : List.copyOf(tags);
    if (fromNs != null && toNs != null && toNs < fromNs) {
      throw new IllegalArgumentException("time range must have fromNs <= toNs, got [" + fromNs + ", " + toNs + "]");
    }
  }

  /** Whether this filter restricts nothing. */
  public boolean isNone() {
    return logs.isEmpty() && sources.isEmpty() && categories.isEmpty() && tags.isEmpty()
        && fromNs == null && toNs == null && excludedLogs.isEmpty();
  }

  /** Whether a clip passes this filter (the same rule as {@link #toQuery()}, for tests and callers). */
  public boolean matches(ClipMeta m) {
    return (logs.isEmpty() || logs.contains(m.logId())) && !excludedLogs.contains(m.logId())
        && (sources.isEmpty() || sources.contains(m.source()))
        && (categories.isEmpty() || m.categories().stream().anyMatch(categories::contains))
        && (tags.isEmpty() || m.tags().stream().anyMatch(tags::contains))
        && (fromNs == null || m.endNs() >= fromNs)
        && (toNs == null || m.startNs() <= toNs);
  }

  /** The Lucene query of this filter: term sets per field, point ranges for the time overlap. */
  public Query toQuery() {
    if (isNone()) {
      return new MatchAllDocsQuery();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    addTerms(b, VectorIndex.F_LOG, logs);
    addTerms(b, VectorIndex.F_SOURCE, sources);
    addTerms(b, VectorIndex.F_CATEGORY, categories);
    addTerms(b, VectorIndex.F_TAG, tags);
    // Overlap of [start, end] with [from, to]: end >= from and start <= to.
    if (fromNs != null) {
      b.add(LongPoint.newRangeQuery(VectorIndex.F_END, fromNs, Long.MAX_VALUE), Occur.FILTER);
    }
    if (toNs != null) {
      b.add(LongPoint.newRangeQuery(VectorIndex.F_START, Long.MIN_VALUE, toNs), Occur.FILTER);
    }
    if (!excludedLogs.isEmpty()) {
      // a query of MUST_NOT clauses alone matches nothing: exclude from everything
      b.add(new MatchAllDocsQuery(), Occur.FILTER);
      b.add(new TermInSetQuery(VectorIndex.F_LOG, excludedLogs.stream().map(BytesRef::new).toList()), Occur.MUST_NOT);
    }
    return b.build();
  }

  private static void addTerms(BooleanQuery.Builder b, String field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
    b.add(new TermInSetQuery(field, terms), Occur.FILTER);
  }

  /** A builder-style copy restricted to these logs. */
  public VectorFilter withLogs(String... ids) {
    return new VectorFilter(List.of(ids), sources, categories, tags, fromNs, toNs, excludedLogs);
  }

  /** A copy restricted to these sources. */
  public VectorFilter withSources(String... s) {
    return new VectorFilter(logs, List.of(s), categories, tags, fromNs, toNs, excludedLogs);
  }

  /** A copy restricted to clips with any of these categories. */
  public VectorFilter withCategories(String... c) {
    return new VectorFilter(logs, sources, List.of(c), tags, fromNs, toNs, excludedLogs);
  }

  /** A copy restricted to clips with any of these tags. */
  public VectorFilter withTags(String... t) {
    return new VectorFilter(logs, sources, categories, List.of(t), fromNs, toNs, excludedLogs);
  }

  /** A copy restricted to clips overlapping [from, to] (null = unbounded side). */
  public VectorFilter withTime(Long from, Long to) {
    return new VectorFilter(logs, sources, categories, tags, from, to, excludedLogs);
  }

  /** A copy that also excludes these logs. */
  public VectorFilter withoutLogs(String... ids) {
    List<String> out = new java.util.ArrayList<>(excludedLogs);
    for (String id : ids) {
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return new VectorFilter(logs, sources, categories, tags, fromNs, toNs, out);
  }
}
