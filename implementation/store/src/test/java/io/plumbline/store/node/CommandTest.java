package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A command serialized straight into the entry is byte for byte the one built from a copied payload. */
class CommandTest {
  @Test
  void encodingTheRequestInPlaceEqualsEncodingItsBytes() {
    PutRequest r = PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k"))
        .setValue(ByteString.copyFrom(new byte[256])).setPrevKv(true).build();
    byte[] inPlace = Command.encode(Command.Type.PUT, 42, r);
    assertThat(inPlace).isEqualTo(new Command(Command.Type.PUT, 42, r.toByteArray()).encode());
    Command back = Command.decode(ByteBuffer.wrap(inPlace).asReadOnlyBuffer());
    assertThat(back.type()).isEqualTo(Command.Type.PUT);
    assertThat(back.requestId()).isEqualTo(42);
    assertThat(back.payload()).isEqualTo(r.toByteArray());
  }
}
