/**
 * Rewrites of the scenario AST that make the compiled SQL cheaper without changing its answer. Each
 * rewrite is one class with a static {@code apply(Condition)}, tested both where it fires and where it
 * must not; {@link dev.fleetmine.query.ScenarioCompiler} applies them in order before compiling.
 */
package dev.fleetmine.query.plan;
