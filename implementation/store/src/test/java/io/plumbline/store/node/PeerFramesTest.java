package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.transport.PeerMethods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's frames on the peer stream round-trip, kind byte first. */
class PeerFramesTest {
  private static ByteBuffer body(byte[] frame, byte kind) {
    assertThat(frame[0]).isEqualTo(kind);
    return ByteBuffer.wrap(frame, 1, frame.length - 1);
  }

  @Test
  void forwardedProposalsKeepTheirSenderAndBytes() {
    byte[] a = new Command(Command.Type.PUT, 77, "x".getBytes(StandardCharsets.UTF_8)).encode();
    byte[] b = new Command(Command.Type.TXN, 78, new byte[0]).encode();
    PeerFrames.Proposals p = PeerFrames.proposals(body(PeerFrames.proposals("n2", List.of(a, b)), PeerMethods.FRAME_PROPOSE));
    assertThat(p.from()).isEqualTo("n2");
    assertThat(p.commands()).containsExactly(a, b);
    assertThat(Command.requestIdOf(p.commands().get(1))).isEqualTo(78);
  }

  @Test
  void refusalsNameTheRequestAndTheError() {
    List<PeerFrames.Refusal> refused = List.of(new PeerFrames.Refusal(5, StoreError.LEADER_CHANGED),
        new PeerFrames.Refusal(-9, StoreError.TOO_MANY_REQUESTS));
    assertThat(PeerFrames.refusals(body(PeerFrames.refusals(refused), PeerMethods.FRAME_PROPOSE_REFUSED)))
        .isEqualTo(refused);
  }

  @Test
  void readIndexRequestsAndResultsRoundTrip() {
    assertThat(PeerFrames.readRequest(body(PeerFrames.readRequest("n3", 12), PeerMethods.FRAME_READ_INDEX)))
        .isEqualTo(new PeerFrames.ReadRequest("n3", 12));
    PeerFrames.ReadResult ok = new PeerFrames.ReadResult(12, null, 4711);
    PeerFrames.ReadResult err = new PeerFrames.ReadResult(13, StoreError.NO_LEADER, 0);
    assertThat(PeerFrames.readResult(body(PeerFrames.readResult(ok), PeerMethods.FRAME_READ_INDEX_RESULT))).isEqualTo(ok);
    assertThat(PeerFrames.readResult(body(PeerFrames.readResult(err), PeerMethods.FRAME_READ_INDEX_RESULT))).isEqualTo(err);
  }
}
