package io.plumbline.store.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.Entry;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peer wire: every field survives a round trip, sizes are exact, and gRPC gets a known-length stream. */
class MessageCodecTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Message> sample() {
    Message append = new Message(MessageType.AppendEntriesRequest, "n1", "n2", 7, 6, 41,
        List.of(new Entry(6, 42, utf8("put a")), new Entry(7, 43, new byte[0])), 40, false, 0, null, null);
    Message heartbeat = new Message(MessageType.HeartbeatRequest, "n1", "n2", 7, 0, 0, List.of(), 43, false, 0,
        utf8("n1/12"), null);
    Message reject = new Message(MessageType.AppendEntriesResponse, "n2", "n1", 7, 5, 39, List.of(), 0, true, 38,
        null, null);
    Message snapshot = new Message(MessageType.SnapshotRequest, "n1", "n3", 7, 0, 0, List.of(), 0, false, 0, null,
        new Snapshot(300, 6, utf8("state")));
    return List.of(append, heartbeat, reject, snapshot);
  }

  @Test
  void everyFieldSurvivesARoundTrip() {
    List<Message> batch = sample();
    List<Message> back = MessageCodec.decode(MessageCodec.encode(batch));
    assertThat(back).hasSize(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Message a = batch.get(i);
      Message b = back.get(i);
      assertThat(b.toString()).isEqualTo(a.toString());
      assertThat(b.entries()).isEqualTo(a.entries());
      assertThat(b.context()).isEqualTo(a.context());
      assertThat(b.rejectHint()).isEqualTo(a.rejectHint());
      assertThat(b.logTerm()).isEqualTo(a.logTerm());
      assertThat(b.snapshot() == null ? null : b.snapshot().data())
          .isEqualTo(a.snapshot() == null ? null : a.snapshot().data());
    }
  }

  @Test
  void headroomIsLeftFreeAtTheFrontAndTheArrayIsExactlySized() {
    byte[] plain = MessageCodec.encode(sample());
    byte[] framed = MessageCodec.encode(sample(), 1);
    assertThat(framed).hasSize(plain.length + 1);
    assertThat(MessageCodec.decode(ByteBuffer.wrap(framed, 1, framed.length - 1)).toString())
        .isEqualTo(sample().toString());
  }

  @Test
  void theMarshallerHandsGrpcAKnownLengthDrainableStreamAndParsesExactly() throws IOException {
    byte[] bytes = MessageCodec.encode(sample());
    InputStream s = PeerMethods.BYTES.stream(bytes);
    assertThat(s).isInstanceOf(io.grpc.KnownLength.class).isInstanceOf(io.grpc.Drainable.class);
    assertThat(s.available()).isEqualTo(bytes.length);
    ByteArrayOutputStream drained = new ByteArrayOutputStream();
    assertThat(((io.grpc.Drainable) s).drainTo(drained)).isEqualTo(bytes.length);
    assertThat(drained.toByteArray()).isEqualTo(bytes);
    assertThat(s.read()).isEqualTo(-1);
    assertThat(PeerMethods.BYTES.parse(PeerMethods.BYTES.stream(bytes))).isEqualTo(bytes);
  }
}
