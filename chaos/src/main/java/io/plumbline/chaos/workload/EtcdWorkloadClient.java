package io.plumbline.chaos.workload;

import io.etcd.jetcd.Client;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.generator.Invocation;

/** A {@link WorkloadClient} over one jetcd client bound to one member, closed with it. */
final class EtcdWorkloadClient implements WorkloadClient {
  /** What a workload does with the jetcd client for one operation. */
  @FunctionalInterface
  interface Operation {
    Completion perform(Client client, Invocation op) throws Exception;
  }

  private final Client client;
  private final Operation operation;

  private EtcdWorkloadClient(Client client, Operation operation) {
    this.client = client;
    this.operation = operation;
  }

  /** A client for the member at {@code clientUrl} (no hidden retries, see {@link EtcdClients#forMember}). */
  static WorkloadClient of(String clientUrl, EtcdAccess access, Operation operation) {
    return new EtcdWorkloadClient(EtcdClients.forMember(clientUrl, access), operation);
  }

  @Override
  public Completion invoke(Invocation op) throws Exception {
    return operation.perform(client, op);
  }

  @Override
  public void close() {
    client.close();
  }
}
