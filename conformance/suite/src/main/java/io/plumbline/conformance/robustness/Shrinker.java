package io.plumbline.conformance.robustness;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a request that shows a difference to a minimal one that still shows it: greedily tries
 * smaller candidates (a message dropped from a stream; a field cleared; a repeated element dropped;
 * a string or bytes value halved; a number set to 0; a nested message replaced by a descendant of
 * the same type, which removes nesting levels) and keeps the first that still fails, until none does
 * or the attempt budget is spent. Works on any request type through protobuf reflection; junk bytes
 * are shrunk by halving.
 */
final class Shrinker {
  private Shrinker() {}

  /** The smallest request found for which {@code stillFails} holds; {@code r} itself when none smaller is. */
  static FuzzRequest shrink(FuzzRequest r, Predicate<FuzzRequest> stillFails, int maxAttempts) {
    FuzzRequest best = r;
    int attempts = 0;
    boolean progress = true;
    while (progress && attempts < maxAttempts) {
      progress = false;
      for (FuzzRequest c : candidates(best)) {
        if (attempts++ >= maxAttempts) {
          break;
        }
        if (c.sizeBytes() < best.sizeBytes() || c.messages().size() < best.messages().size()) {
          if (stillFails.test(c)) {
            best = c;
            progress = true;
            break;
          }
        }
      }
    }
    return best;
  }

  /** Every one-step-smaller variant of {@code r}, biggest cuts first. */
  static List<FuzzRequest> candidates(FuzzRequest r) {
    List<FuzzRequest> out = new ArrayList<>();
    List<ByteString> msgs = r.messages();
    for (int i = 0; i < msgs.size() && msgs.size() > 1; i++) {
      List<ByteString> fewer = new ArrayList<>(msgs);
      fewer.remove(i);
      out.add(new FuzzRequest(r.method(), fewer, r.family()));
    }
    for (int i = 0; i < msgs.size(); i++) {
      Message m = Methods.parseRequest(r.method(), msgs.get(i));
      List<ByteString> variants = new ArrayList<>();
      if (m == null || r.family().equals("junk")) {
        ByteString b = msgs.get(i);
        if (b.size() > 1) {
          variants.add(b.substring(0, b.size() / 2));
          variants.add(b.substring(0, b.size() - 1));
        }
      } else {
        smaller(m).forEach(v -> variants.add(v.toByteString()));
      }
      for (ByteString v : variants) {
        List<ByteString> copy = new ArrayList<>(msgs);
        copy.set(i, v);
        out.add(new FuzzRequest(r.method(), copy, r.family()));
      }
    }
    return out;
  }

  /** One-step-smaller variants of a message. */
  static List<Message> smaller(Message m) {
    List<Message> out = new ArrayList<>();
    descendantsOfType(m, m.getDescriptorForType().getFullName(), out, true);
    for (FieldDescriptor f : m.getAllFields().keySet()) {
      out.add(m.toBuilder().clearField(f).build());
      if (f.isRepeated()) {
        for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
          out.add(withoutElement(m, f, i));
          if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            for (Message sub : smaller((Message) m.getRepeatedField(f, i))) {
              out.add(m.toBuilder().setRepeatedField(f, i, sub).build());
            }
          }
        }
        continue;
      }
      Object v = m.getField(f);
      switch (f.getJavaType()) {
        case MESSAGE -> smaller((Message) v).forEach(sub -> out.add(m.toBuilder().setField(f, sub).build()));
        case BYTE_STRING -> {
          ByteString b = (ByteString) v;
          if (b.size() > 1) {
            out.add(m.toBuilder().setField(f, b.substring(0, b.size() / 2)).build());
            out.add(m.toBuilder().setField(f, b.substring(0, b.size() - 1)).build());
          }
        }
        case LONG -> {
          long x = (Long) v;
          if (x != 1 && x != -1) {
            out.add(m.toBuilder().setField(f, x / 2).build());
          }
        }
        default -> { }
      }
    }
    return out;
  }

  /** Messages of type {@code type} strictly inside {@code m} (replacing m by one drops the levels between). */
  private static void descendantsOfType(Message m, String type, List<Message> out, boolean top) {
    if (!top && m.getDescriptorForType().getFullName().equals(type)) {
      out.add(m);
    }
    for (var e : m.getAllFields().entrySet()) {
      if (e.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (e.getKey().isRepeated()) {
        for (Object o : (List<?>) e.getValue()) {
          descendantsOfType((Message) o, type, out, false);
        }
      } else {
        descendantsOfType((Message) e.getValue(), type, out, false);
      }
    }
  }

  private static Message withoutElement(Message m, FieldDescriptor f, int index) {
    Message.Builder b = m.toBuilder().clearField(f);
    for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
      if (i != index) {
        b.addRepeatedField(f, m.getRepeatedField(f, i));
      }
    }
    return b.build();
  }
}
