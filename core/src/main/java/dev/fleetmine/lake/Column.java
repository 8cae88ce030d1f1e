package dev.fleetmine.lake;

import static java.util.Objects.requireNonNull;

/**
 * One column of a lake table: its name, DuckDB/Parquet SQL type, whether it may be NULL, and what it means.
 *
 * @param name        column name, lower snake case
 * @param sqlType     DuckDB type name as written in DDL (for example {@code DOUBLE}, {@code VARCHAR})
 * @param nullable    whether NULL is a legal value (for example speed before it is known)
 * @param unit        physical unit, or empty when the column has none
 * @param description one sentence for docs/schema.md and error messages
 */
public record Column(String name, String sqlType, boolean nullable, String unit, String description) {
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(sqlType, "sqlType is null");
    requireNonNull(unit, "unit is null");
    requireNonNull(description, "description is null");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("column name must be lower snake case: " + name);
    }
  }

  static Column required(String name, String type, String unit, String description) {
    return new Column(name, type, false, unit, description);
  }

  static Column optional(String name, String type, String unit, String description) {
    return new Column(name, type, true, unit, description);
  }
}
