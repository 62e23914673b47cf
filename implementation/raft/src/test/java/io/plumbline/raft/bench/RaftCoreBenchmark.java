package io.plumbline.raft.bench;

import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftCore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the pure core (no I/O): messages stepped per second by a follower, and proposals
 * committed per second in a 3-member in-memory cluster (one at a time, and in batches of 64).
 * Run: {@code mvn -B -q -ntp -Pbench -pl implementation/raft -am verify -DskipTests} (see README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RaftCoreBenchmark {
  private static final byte[] VALUE = "value-0123456789".getBytes(StandardCharsets.UTF_8);
  private InMemoryCluster cluster;
  private RaftCore follower;
  private Message heartbeat;
  private long index;

  @Setup(Level.Iteration)
  public void setUp() {
    cluster = new InMemoryCluster(3);
    follower = cluster.cores.get("n2");
    heartbeat = new Message(MessageType.HeartbeatRequest, "n1", "n2", cluster.leader().term(), 0,
        0, List.of(), cluster.leader().commitIndex(), false, 0, null, null);
    index = cluster.leader().lastIndex();
  }

  /** One message stepped by a follower, with its Ready honoured (messages stepped/s). */
  @Benchmark
  public Object stepHeartbeatOnFollower() {
    follower.step(heartbeat);
    cluster.process("n2", follower);
    cluster.queue.clear();
    return follower;
  }

  /** One AppendEntries carrying one entry, stepped by a follower (messages stepped/s). */
  @Benchmark
  public Object stepAppendOnFollower() {
    long prev = index++;
    Message m = new Message(MessageType.AppendEntriesRequest, "n1", "n2", heartbeat.term(),
        heartbeat.term(), prev, List.of(new io.plumbline.raft.Entry(heartbeat.term(), prev + 1,
            VALUE)), 0, false, 0, null, null);
    follower.step(m);
    cluster.process("n2", follower);
    cluster.queue.clear();
    return follower;
  }

  /** Propose one entry and deliver until it commits everywhere (proposals committed/s). */
  @Benchmark
  public long proposeAndCommitOne() {
    cluster.leader().propose(VALUE);
    return cluster.deliverAll();
  }

  /** Propose 64 entries, then deliver (proposals committed/s, pipelined). */
  @Benchmark
  @OperationsPerInvocation(64)
  public long proposeAndCommitBatchOf64() {
    for (int i = 0; i < 64; i++) {
      cluster.leader().propose(VALUE);
    }
    return cluster.deliverAll();
  }
}
