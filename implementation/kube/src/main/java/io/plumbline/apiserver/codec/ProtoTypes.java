package io.plumbline.apiserver.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Autoscaling;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes message type of each apiVersion/kind with a protobuf form, from the generated
 * classes of {@code io.kubernetes:client-java-proto}. Core v1 ({@code Pod}, {@code PodList}, ...),
 * {@code autoscaling/v1 Scale}, and the meta.k8s.io types every group version carries
 * ({@code Status}, {@code DeleteOptions}). That artifact has no {@code coordination.k8s.io} or
 * {@code discovery.k8s.io} protos: Leases and EndpointSlices are served as JSON only.
 */
public final class ProtoTypes {
  private ProtoTypes() {}

  private static final Map<String, FileDescriptor> FILES = Map.of(
      "v1", V1.getDescriptor(),
      "autoscaling/v1", V1Autoscaling.getDescriptor());

  /** The message type for {@code apiVersion} and {@code kind}, if it has one. */
  public static Optional<Descriptor> find(String apiVersion, String kind) {
    FileDescriptor file = FILES.get(apiVersion);
    Descriptor d = file == null ? null : file.findMessageTypeByName(kind);
    if (d == null && (kind.equals("Status") || kind.equals("DeleteOptions"))) {
      d = Meta.getDescriptor().findMessageTypeByName(kind);
    }
    return Optional.ofNullable(d);
  }

  /** The message type of a served kind, which must have one (core v1 kinds do). */
  public static Descriptor require(String apiVersion, String kind) {
    return find(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
        "no Kubernetes protobuf type for " + apiVersion + " " + kind));
  }
}
