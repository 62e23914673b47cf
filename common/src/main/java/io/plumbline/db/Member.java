package io.plumbline.db;

import java.nio.file.Path;

/**
 * One member of a {@link LocalCluster}: its name, URLs, data directory and log file. The process
 * itself is owned by the cluster.
 *
 * @param index position in the cluster (0-based)
 * @param name member name ({@code m0}, {@code m1}, …)
 * @param clientUrl where clients connect, e.g. {@code http://127.0.0.1:40123}
 * @param peerUrl where other members connect
 * @param dataDir the member's data directory (deleted when the cluster closes)
 * @param logFile the member's stdout and stderr
 */
public record Member(int index, String name, String clientUrl, String peerUrl, Path dataDir, Path logFile) {}
