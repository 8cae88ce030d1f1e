/**
 * Active-learning selection under a budget: which candidate clips to label next. Strategies
 * (uncertainty, diversity/coreset, rarity, balance, disagreement and weighted combinations) rank or pick
 * from candidates; a {@link dev.fleetmine.select.Selection} records the picks with every input needed to
 * reproduce them, and {@link dev.fleetmine.select.SelectionStore} keeps it in the lake's curation area.
 */
package dev.fleetmine.select;
