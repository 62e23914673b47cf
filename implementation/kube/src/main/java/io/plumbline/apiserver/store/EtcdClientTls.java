package io.plumbline.apiserver.store;

import java.nio.file.Path;

/**
 * How the API server dials a TLS store, as kube-apiserver's {@code --etcd-cafile},
 * {@code --etcd-certfile} and {@code --etcd-keyfile}: PEM files of the CA that signed the store's
 * certificate and of the client certificate the store checks.
 */
public record EtcdClientTls(Path caFile, Path certFile, Path keyFile) {}
