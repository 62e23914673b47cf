package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Ready#maySendBeforePersist}: only a leader's replication, at an already durable term and vote. */
class ReadyContractTest {
  private static final HardState DURABLE = new HardState(3, "n1", 10);
  private static final List<Entry> NEW_ENTRIES = List.of(new Entry(3, 11, new byte[] {1}));

  private static Ready ready(HardState hs, Snapshot snap, MessageType... types) {
    List<Message> msgs = java.util.Arrays.stream(types).map(t -> Message.of(t, "n1", "n2", 3)).toList();
    return new Ready(null, hs, NEW_ENTRIES, snap, List.of(), msgs, List.of(), true);
  }

  @Test
  void leaderReplicationAtADurableTermMayGoBeforeTheFsync() {
    assertThat(ready(null, null, MessageType.AppendEntriesRequest, MessageType.HeartbeatRequest)
        .maySendBeforePersist(DURABLE)).isTrue();
    // a commit-only change needs no fsync and promises nothing
    assertThat(ready(new HardState(3, "n1", 11), null, MessageType.AppendEntriesRequest)
        .maySendBeforePersist(DURABLE)).isTrue();
  }

  @Test
  void aNewTermOrVoteMustBeDurableFirst() {
    assertThat(ready(new HardState(4, null, 10), null, MessageType.AppendEntriesRequest)
        .maySendBeforePersist(DURABLE)).isFalse();
    assertThat(ready(new HardState(3, "n2", 10), null, MessageType.AppendEntriesRequest)
        .maySendBeforePersist(DURABLE)).isFalse();
  }

  @Test
  void responsesAndVotesPromiseDurabilityAndWait() {
    for (MessageType t : List.of(MessageType.AppendEntriesResponse, MessageType.HeartbeatResponse,
        MessageType.RequestVoteRequest, MessageType.RequestVoteResponse, MessageType.PreVoteRequest,
        MessageType.PreVoteResponse)) {
      assertThat(ready(null, null, MessageType.AppendEntriesRequest, t).maySendBeforePersist(DURABLE))
          .as("%s", t).isFalse();
    }
  }

  @Test
  void aSnapshotToInstallIsPersistedFirst() {
    assertThat(ready(null, new Snapshot(20, 3, new byte[0]), MessageType.AppendEntriesRequest)
        .maySendBeforePersist(DURABLE)).isFalse();
  }
}
