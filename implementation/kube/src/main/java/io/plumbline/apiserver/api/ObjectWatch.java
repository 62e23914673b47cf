package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.store.StoreEvent;
import io.plumbline.apiserver.store.StoreWatch;
import io.plumbline.apiserver.store.StoreWatchListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client's watch: store events turned into Kubernetes watch events (ADDED, MODIFIED, DELETED,
 * BOOKMARK, ERROR), filtered by selectors with Kubernetes' rule that an object moving out of the
 * selection is DELETED and one moving in is ADDED.
 *
 * <p>Without a resourceVersion (or with "0") the watch first sends every current object as ADDED,
 * then changes after that list. With one, it sends the changes after it; if the store has
 * compacted that revision away the watch ends with an ERROR event carrying a 410 Status. The queue
 * is bounded: a consumer too slow to keep up gets an ERROR and must re-list, as in Kubernetes.
 */
public final class ObjectWatch implements AutoCloseable {
  /** One event as sent on the wire: {@code {"type": ..., "object": ...}}. */
  public record Event(String type, ObjectNode object) {
    public ObjectNode toJson() {
      ObjectNode e = Json.object().put("type", type);
      e.set("object", object);
      return e;
    }
  }

  /** Put in the queue when the watch ends, so a waiting consumer wakes at once. */
  private static final Event WAKE_UP = new Event("WAKE_UP", null);

  private final ResourceType type;
  private final LabelSelector labels;
  private final FieldSelector fields;
  private final Deque<Event> initial = new ArrayDeque<>();
  private final BlockingQueue<Event> queue;
  private volatile Event terminal;
  private volatile StoreWatch storeWatch;
  private long deliveredRevision;
  private boolean finished;

  private ObjectWatch(ResourceType type, LabelSelector labels, FieldSelector fields,
      int capacity) {
    this.type = type;
    this.labels = labels;
    this.fields = fields;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Starts a watch; a malformed resourceVersion is a 400 before anything is streamed. */
  public static ObjectWatch start(ObjectService objects, ResourceType type, String namespace,
      LabelSelector labels, FieldSelector fields, String resourceVersion, int capacity) {
    ObjectWatch watch = new ObjectWatch(type, labels, fields, capacity);
    long from;
    if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
      ObjectNode list = objects.list(type, namespace, labels, fields);
      for (JsonNode item : list.get("items")) {
        watch.initial.add(new Event("ADDED", (ObjectNode) item));
      }
      from = Long.parseLong(Json.text(list, "metadata.resourceVersion"));
    } else {
      from = parseVersion(resourceVersion);
    }
    watch.deliveredRevision = from;
    watch.storeWatch = objects.store().watch(type.prefix(namespace), from, watch.listener(from));
    return watch;
  }

  /**
   * The next event, waiting at most {@code timeoutMs}; null when none came in time or when the
   * watch has finished (see {@link #isFinished()}).
   */
  public Event next(long timeoutMs) throws InterruptedException {
    Event e = initial.poll();
    if (e == null) {
      e = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }
    if (e == WAKE_UP) {
      e = null;
    }
    if (e == null && terminal != null && queue.isEmpty() && !finished) {
      finished = true;
      return terminal;
    }
    if (e != null && e.object().has("metadata")) {
      long rv = Long.parseLong(Json.text(e.object(), "metadata.resourceVersion"));
      deliveredRevision = Math.max(deliveredRevision, rv);
    }
    return e;
  }

  /** True once the terminal ERROR event (if any) has been handed out. */
  public boolean isFinished() {
    return finished;
  }

  /**
   * A BOOKMARK at the highest revision delivered so far: every change up to it has been sent.
   * Also asks the store for a progress notification, which arrives later as a fresher bookmark.
   */
  public Event bookmark() {
    storeWatch.requestProgress();
    return bookmarkAt(deliveredRevision);
  }

  private Event bookmarkAt(long revision) {
    ObjectNode object = Json.object().put("kind", type.kind()).put("apiVersion", type.apiVersion());
    object.putObject("metadata").put("resourceVersion", Long.toString(revision));
    return new Event("BOOKMARK", object);
  }

  private StoreWatchListener listener(long from) {
    return new StoreWatchListener() {
      @Override
      public void onEvents(List<StoreEvent> events) {
        for (StoreEvent e : events) {
          Event translated = translate(e);
          if (translated != null && !queue.offer(translated)) {
            end(ApiError.expired("the watch fell too far behind; re-list and watch again"));
            return;
          }
        }
      }

      @Override
      public void onProgress(long revision) {
        // queued behind earlier events, so it is only sent once they have been
        if (!queue.offer(bookmarkAt(revision))) {
          end(ApiError.expired("the watch fell too far behind; re-list and watch again"));
        }
      }

      @Override
      public void onCompacted(long compactRevision) {
        end(ApiError.expired("too old resource version: " + from + " (" + compactRevision + ")"));
      }

      @Override
      public void onFailure(Throwable cause) {
        end(ApiError.internal("the store ended the watch: " + cause.getMessage()));
      }
    };
  }

  private void end(ApiError error) {
    if (terminal == null) {
      terminal = new Event("ERROR", error.toStatus());
      queue.offer(WAKE_UP);
      if (storeWatch != null) {
        storeWatch.close();
      }
    }
  }

  /**
   * Kubernetes' selection rule: leaving the selection is a DELETED (of the previous content, at
   * the change's revision), entering it an ADDED.
   */
  private Event translate(StoreEvent e) {
    ObjectNode previous = e.previous() == null ? null : ObjectCodec.decode(e.previous(), e.revision());
    boolean wasIn = previous != null && selected(previous);
    if (e.type() == StoreEvent.Type.DELETE) {
      return wasIn ? new Event("DELETED", previous) : null;
    }
    ObjectNode current = ObjectCodec.decode(e.current(), e.revision());
    boolean isIn = selected(current);
    if (isIn) {
      return new Event(wasIn ? "MODIFIED" : "ADDED", current);
    }
    // as kube-apiserver: the previous content (what the watcher may see) at this revision
    return wasIn ? new Event("DELETED", previous) : null;
  }

  private boolean selected(ObjectNode object) {
    return labels.matches(object) && fields.matches(object);
  }

  private static long parseVersion(String resourceVersion) {
    return Versions.parse(resourceVersion);
  }

  @Override
  public void close() {
    if (storeWatch != null) {
      storeWatch.close();
    }
  }
}
