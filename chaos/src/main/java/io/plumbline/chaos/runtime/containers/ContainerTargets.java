package io.plumbline.chaos.runtime.containers;

import io.plumbline.common.UserError;
import io.plumbline.db.MemberCommand;
import java.util.List;
import java.util.function.Supplier;

/** What {@code --target} means on the containers runtime. */
public final class ContainerTargets {
  private ContainerTargets() {}

  /**
   * Checks {@code target}'s syntax and {@code targetArgs} (extra arguments, only for the reference
   * store: e.g. a fault mode) without touching Docker, so usage errors come first.
   */
  public static void validate(String target, List<String> targetArgs) {
    if (!target.equals("reference") && !targetArgs.isEmpty()) {
      throw new UserError("--target-args: only for --target reference (put arguments of cmd: into its template)");
    }
    if (target.equals("etcd") || target.equals("reference")) {
      return;
    }
    if (target.startsWith("image:") && target.length() > "image:".length()) {
      return;
    }
    if (target.startsWith("cmd:") && !target.substring(4).isBlank()) {
      return;
    }
    throw new UserError("--target: unknown target '" + target + "'; expected etcd, reference, image:REF or cmd:'TEMPLATE'");
  }

  /** The target; {@code baseImage} is called (and may build the image) only when the target needs it. */
  public static ContainerTarget resolve(String target, List<String> targetArgs, Supplier<String> baseImage) {
    validate(target, targetArgs);
    if (target.equals("etcd")) {
      return ContainerTarget.etcd(baseImage.get());
    }
    if (target.equals("reference")) {
      return ReferenceTarget.create(baseImage.get(), targetArgs);
    }
    if (target.startsWith("image:")) {
      String ref = target.substring("image:".length());
      if (!BaseImage.exists(ref)) {
        throw new UserError("--target image:" + ref + ": no such image in the local Docker engine (build or load it first)");
      }
      return ContainerTarget.image(ref);
    }
    return ContainerTarget.command(baseImage.get(), MemberCommand.parse(target.substring("cmd:".length())).args());
  }
}
