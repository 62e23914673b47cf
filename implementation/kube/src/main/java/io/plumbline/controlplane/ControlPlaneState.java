package io.plumbline.controlplane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code up} started, as {@code DIR/state.json}: read by {@code down}, by the chaos
 * workload and by anyone who wants the URLs.
 *
 * @param store {@code reference} or {@code etcd}
 * @param serverUrl where clients go: HAProxy, or one API server when HAProxy is missing
 * @param haproxyUrl HAProxy's frontend, null without HAProxy
 * @param haproxyStatsUrl HAProxy's stats page (CSV with {@code ;csv}), null without HAProxy
 * @param storeEndpoints the store members' client URLs
 * @param kubeconfig absolute path of the kubeconfig pointing at {@code serverUrl}
 * @param leaseNamespace namespace of the controller managers' Lease
 * @param leaseName name of that Lease
 */
public record ControlPlaneState(String store, String serverUrl, String haproxyUrl,
    String haproxyStatsUrl, List<String> storeEndpoints, String kubeconfig, String leaseNamespace,
    String leaseName, List<Component> components) {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static Path file(Path dir) {
    return dir.resolve("state.json");
  }

  public static Optional<ControlPlaneState> read(Path dir) throws IOException {
    Path f = file(dir);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    return Optional.of(MAPPER.readValue(f.toFile(), ControlPlaneState.class));
  }

  public void write(Path dir) throws IOException {
    Path tmp = dir.resolve("state.json.tmp");
    MAPPER.writeValue(tmp.toFile(), this);
    Files.move(tmp, file(dir), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The components of one kind, in start order. */
  public List<Component> ofKind(Component.Kind kind) {
    return components.stream().filter(c -> c.kind() == kind).toList();
  }

  /** Components whose recorded process still runs (and still is that process). */
  public List<Component> running() {
    return components.stream().filter(c -> DetachedProcess.find(c).isPresent()).toList();
  }
}
