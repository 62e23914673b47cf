package io.plumbline.raft.catalogue;

import static io.plumbline.raft.catalogue.CatalogueCores.NOOP;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Term fencing played on a real core (Raft §5.1; the spec's {@code StaleMessagesAreInert}): n1,
 * which campaigned in term 2, campaigns again and leads in term 3, and answers of term 2 reach it
 * then: n3's vote granted in term 2 while n1 is a Candidate of term 3, and n3's append and
 * heartbeat answers of term 2 once n1 leads. None may count: the vote must not make n1 leader,
 * the answers must not move n3's progress. The simulator rarely holds an old answer in flight
 * until its receiver leads again, and the spec's exhaustive models cannot hold it (one message
 * per link blocks the campaign's broadcast), so the handler is checked on the schedule directly.
 */
final class StaleAnswers {
  private StaleAnswers() {}

  /** What the check objects to on core n1 with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = CatalogueCores.disk(new HardState(2, "n1", 0), new Entry(1, 1, NOOP));
    RaftCore n1 = CatalogueCores.restartOfThree("n1", disk, 3, bugs);
    n1.campaign();
    n1.step(answer(MessageType.PreVoteResponse, "n2", 3));
    if (n1.role() != Role.Candidate || n1.term() != 3) {
      return Optional.of("setup: n1 is " + n1.role() + " of term " + n1.term() + ", not a Candidate of term 3");
    }
    n1.step(answer(MessageType.RequestVoteResponse, "n3", 2));
    if (n1.role() != Role.Candidate) {
      return Optional.of("StaleMessagesAreInert: n1 became " + n1.role() + " of term 3 on n3's vote of term 2");
    }
    n1.step(answer(MessageType.RequestVoteResponse, "n2", 3));
    if (n1.role() != Role.Leader) {
      return Optional.of("setup: n1 is " + n1.role() + " after n2's vote of term 3, not Leader");
    }
    Map<String, String> before = n1.progressView();
    long commit = n1.commitIndex();
    n1.step(new Message(MessageType.AppendEntriesResponse, "n3", "n1", 2, 0, n1.lastIndex(), List.of(),
        0, false, 0, null, null));
    n1.step(answer(MessageType.HeartbeatResponse, "n3", 2));
    if (!n1.progressView().equals(before) || n1.commitIndex() != commit) {
      return Optional.of("StaleMessagesAreInert: n1 (Leader, term 3) took n3's answers of term 2: progress "
          + before + " became " + n1.progressView() + ", commit index " + commit + " -> "
          + n1.commitIndex());
    }
    return Optional.empty();
  }

  /** A granting (not rejecting) answer of {@code type} from {@code from} in {@code term}. */
  private static Message answer(MessageType type, String from, long term) {
    return new Message(type, from, "n1", term, 0, 0, List.of(), 0, false, 0, null, null);
  }
}
