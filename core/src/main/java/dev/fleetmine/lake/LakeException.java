package dev.fleetmine.lake;

/** A lake that cannot be opened, read or committed to; the message says which path and why. */
public class LakeException extends RuntimeException {
  public LakeException(String message) {
    super(message);
  }

  public LakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
