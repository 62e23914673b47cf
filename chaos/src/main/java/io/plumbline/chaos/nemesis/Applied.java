package io.plumbline.chaos.nemesis;

/**
 * What applying one fault did.
 *
 * @param description what was done, with resolved members
 * @param noEffect null when the fault took effect, else why it did not
 */
public record Applied(String description, String noEffect) {
  public boolean tookEffect() {
    return noEffect == null;
  }

  static Applied took(String description) {
    return new Applied(description, null);
  }

  /** A nemesis action that threw: the fault is not known to have happened. */
  public static Applied failed(String description, RuntimeException e) {
    return new Applied(description + " FAILED: " + e.getMessage(), "the nemesis action failed: " + e.getMessage());
  }
}
