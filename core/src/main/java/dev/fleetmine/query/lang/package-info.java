/**
 * The scenario language (docs/query-language.md): {@link dev.fleetmine.query.lang.Parser} turns text
 * into a {@link dev.fleetmine.query.lang.Query} whose {@link dev.fleetmine.query.lang.Condition} tree is a
 * sealed interface of records; {@link dev.fleetmine.query.lang.Checker} resolves names against the
 * {@link dev.fleetmine.query.lang.Catalog} and reports mistakes at line:column with a caret.
 *
 * <p>This package knows nothing of SQL or the lake. To add a field or flag, add it to {@code Catalog}
 * (with its SQL and unit) and to the tables of docs/query-language.md; to add an operator, add a record
 * to {@code Condition}, parse it, check it, and compile it in {@code dev.fleetmine.query.ScenarioCompiler}.
 */
package dev.fleetmine.query.lang;
