package io.plumbline.apiserver.api;

/**
 * One step of lease election or of the API server's fence, named after the action of
 * {@code spec/election/LeaseElection.tla} it takes; the field mapping spec ↔ event ↔ Java is in
 * {@code spec/election/TraceLeaseElection.tla}.
 *
 * @param action the spec action: {@code Get}, {@code UpdateSucceeds}, {@code UpdateConflicts},
 *     {@code UpdateUnanswered},
 *     {@code StepDown}, {@code StartWrite} (a candidate), {@code WriteLands}, {@code WriteRejected}
 *     (the fence); the spec's {@code UnansweredLands} (a timed-out Lease write landing later) has
 *     no event: no process sees it, the trace merge infers it from the store
 * @param actor the candidate's identity, or {@code "fence"}
 * @param clockMs the actor's clock when it took the step (a candidate: the time its decision used)
 * @param holder the Lease's holderIdentity as read ({@code Get}), written ({@code UpdateSucceeds})
 *     or attempted ({@code UpdateUnanswered}),
 *     else ""
 * @param renewTimeMs the Lease's renewTime in epoch ms (0 when unset or not carried)
 * @param transitions the Lease's leaseTransitions (Get, UpdateSucceeds), else 0
 * @param intent what a {@code Get} decided ("none", "acquire", "renew"), else ""
 * @param leaseRevision the Lease's resourceVersion the step read, wrote or was fenced against; -1
 *     when the step touches no shared state (or, for UpdateConflicts, the revision is unknown)
 * @param term the lease generation a write carries (StartWrite, WriteLands, WriteRejected), else 0
 * @param writeRevision the store revision at which a fenced write committed (WriteLands), else -1:
 *     the store's fact, so a trace does not rest on the revision the fence says it checked
 */
public record LeaseTraceEvent(String action, String actor, long clockMs, String holder,
    long renewTimeMs, long transitions, String intent, long leaseRevision, long term,
    long writeRevision) {

  /** An event that carries neither a Lease nor a write. */
  public static LeaseTraceEvent local(String action, String actor, long clockMs) {
    return new LeaseTraceEvent(action, actor, clockMs, "", 0, 0, "", -1, 0, -1);
  }
}
