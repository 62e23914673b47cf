package io.plumbline.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.LongFunction;

/**
 * One Lease in memory, answering {@link LeaderElector}'s calls on a {@link FakeElectionClock}: a
 * compare-and-swap on resourceVersion as the API server does, reads that take
 * {@link #readLatencyMs}, writes that take {@link #writeLatencyMs} (a call whose latency reaches
 * its deadline gets no answer), and writes that fail as {@link #writeFault} says for the instant they
 * are sent. Optionally another holder {@code other} keeps renewing the Lease every
 * {@code otherRenewEveryMs} until {@code otherStopsAtMs}, stamping renewTime from its own clock,
 * which runs {@code otherClockOffsetMs} off this one.
 */
final class FakeLeaseApi implements LeaseApi {
  /** What a write sent at some instant meets. */
  enum WriteFault {
    /** Answered after the latency. */
    NONE,
    /** A 500 after the latency, not applied (the store timed out behind the API server). */
    ERROR,
    /** No answer: the call takes its whole deadline and throws; not applied. */
    HANG
  }

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final FakeElectionClock clock;
  private ObjectNode lease;
  private long resourceVersion;
  long readLatencyMs;
  long writeLatencyMs;
  LongFunction<WriteFault> writeFault = t -> WriteFault.NONE;
  private String other = "";
  private long otherRenewEveryMs;
  private long otherStopsAtMs;
  private long otherClockOffsetMs;

  FakeLeaseApi(FakeElectionClock clock) {
    this.clock = clock;
  }

  /** The Lease exists, held by {@code holder} (renewing as above), at generation {@code gen}. */
  FakeLeaseApi heldBy(String holder, long gen, long renewEveryMs, long stopsAtMs,
      long clockOffsetMs) {
    this.other = holder;
    this.otherRenewEveryMs = renewEveryMs;
    this.otherStopsAtMs = stopsAtMs;
    this.otherClockOffsetMs = clockOffsetMs;
    ObjectNode l = Json.object();
    l.putObject("metadata").put("name", "cm").put("namespace", "kube-system");
    String t = stamp(clock.millis());
    l.putObject("spec").put("holderIdentity", holder).put("leaseDurationSeconds", 15)
        .put("acquireTime", t).put("renewTime", t).put("leaseTransitions", gen);
    store(l);
    return this;
  }

  /** The Lease's holderIdentity as stored now ("" when it does not exist or names nobody). */
  String holderIdentity() {
    return lease == null ? "" : lease.path("spec").path("holderIdentity").asText("");
  }

  @Override
  public ApiClient.Response get(String path, long timeoutMs) {
    if (readLatencyMs >= timeoutMs) {
      clock.advance(timeoutMs);
      throw ApiClient.notSent("no answer within " + timeoutMs + " ms");
    }
    clock.advance(readLatencyMs);
    otherRenews();
    return lease == null ? new ApiClient.Response(404, Json.object())
        : new ApiClient.Response(200, lease.deepCopy());
  }

  @Override
  public ApiClient.Response create(String path, ObjectNode body, long timeoutMs) {
    return write(body, timeoutMs, true);
  }

  @Override
  public ApiClient.Response update(String path, ObjectNode body, long timeoutMs) {
    return write(body, timeoutMs, false);
  }

  private ApiClient.Response write(ObjectNode body, long timeoutMs, boolean create) {
    WriteFault fault = writeFault.apply(clock.millis());
    if (fault == WriteFault.HANG || writeLatencyMs >= timeoutMs) {
      clock.advance(timeoutMs);
      throw ApiClient.notSent("no answer within " + timeoutMs + " ms");
    }
    clock.advance(writeLatencyMs);
    if (fault == WriteFault.ERROR) {
      return new ApiClient.Response(500, Json.object().put("reason", "Timeout"));
    }
    String sentVersion = body.path("metadata").path("resourceVersion").asText("");
    if (create ? lease != null : lease == null
        || !sentVersion.equals(String.valueOf(resourceVersion))) {
      return new ApiClient.Response(409, Json.object().put("reason", "Conflict"));
    }
    store(body.deepCopy());
    return new ApiClient.Response(create ? 201 : 200, lease.deepCopy());
  }

  /** The other holder's renewals due by now, if it still holds the Lease and has not stopped. */
  private void otherRenews() {
    if (lease == null || other.isEmpty()
        || !lease.path("spec").path("holderIdentity").asText().equals(other)) {
      return;
    }
    long last = Math.min(clock.millis(), otherStopsAtMs);
    last -= Math.floorMod(last, otherRenewEveryMs);
    String renew = stamp(last + otherClockOffsetMs);
    if (!renew.equals(lease.path("spec").path("renewTime").asText())) {
      ObjectNode next = lease.deepCopy();
      ((ObjectNode) next.path("spec")).put("renewTime", renew);
      store(next);
    }
  }

  private void store(ObjectNode l) {
    resourceVersion++;
    ((ObjectNode) l.path("metadata")).put("resourceVersion", String.valueOf(resourceVersion));
    lease = l;
  }

  private static String stamp(long ms) {
    return MICRO_TIME.format(Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.MICROS));
  }
}
