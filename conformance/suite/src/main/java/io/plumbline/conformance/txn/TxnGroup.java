package io.plumbline.conformance.txn;

import io.plumbline.conformance.CheckGroup;
import java.util.List;

/** The txn group: compares (value, version, create, mod, lease), both branches, atomicity. */
public final class TxnGroup {
  private TxnGroup() {}

  public static CheckGroup create() {
    return new CheckGroup("txn", List.of(new ComparesAndBranches(), new LeaseCompare(), new Atomicity()));
  }
}
