package dev.fleetmine.lake;

/** Another writer published a snapshot after the base this commit was prepared against. */
public final class CommitConflictException extends LakeException {
  public CommitConflictException(String message) {
    super(message);
  }
}
