/**
 * Reading NumPy NPY arrays (the files comma2k19 stores without an extension).
 *
 * <p>This package owns the NPY container only: {@link dev.fleetmine.ingest.npy.NpyReader} parses the
 * magic, version (1.0, 2.0, 3.0) and header dict, and {@link dev.fleetmine.ingest.npy.NpyArray} gives
 * C-order element access whatever the file's {@code fortran_order}. It deliberately supports only plain
 * numeric dtypes ({@link dev.fleetmine.ingest.npy.NpyDtype}); to add one (for example fixed-width bytes
 * {@code |S8}), extend {@code NpyDtype.parse} and add a typed accessor to {@code NpyArray}, and keep the
 * strictness: every malformed or unexpected file is an {@link dev.fleetmine.ingest.IngestException} that
 * names the file and what was expected. Importers that read NPY files live in their own packages.
 */
package dev.fleetmine.ingest.npy;
