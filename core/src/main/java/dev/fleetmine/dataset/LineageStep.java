package dev.fleetmine.dataset;

/**
 * One step of a dataset's history: the version it made and what went in.
 *
 * @param version         the version this step made
 * @param operation       {@code create}, {@code add} or {@code split}
 * @param kind            the member source: {@code query}, {@code tag}, {@code selection}, {@code batch},
 *                        {@code clips}; {@code split} for a split
 * @param text            the source's exact text: the query, the tag, the selection id, {@code BATCH@vN}, the
 *                        clip ids, or the split spec
 * @param labels          the label pin given to the new members ({@code gt@SNAPSHOT} or {@code BATCH@vN}); null for a split
 * @param parentVersion   the version it started from; null for the first
 * @param snapshotVersion the lake snapshot it read
 * @param createdAtMs     when (epoch milliseconds)
 * @param requested       clips the source gave
 * @param added           members this step added
 * @param repinned        members already there whose labels this step replaced (a new batch label pin)
 * @param duplicates      clips dropped as exact duplicates of members
 * @param nearDuplicates  clips dropped as near-duplicates (similarity index)
 */
public record LineageStep(int version, String operation, String kind, String text, String labels, Integer parentVersion,
    long snapshotVersion, long createdAtMs, int requested, int added, int repinned, int duplicates, int nearDuplicates) {}
