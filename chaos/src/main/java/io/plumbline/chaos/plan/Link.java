package io.plumbline.chaos.plan;

/**
 * An undirected network link between two members, identified by index; always stored with {@code a < b}
 * so that equal links compare equal.
 */
public record Link(int a, int b) implements Comparable<Link> {
  public Link {
    if (a == b) {
      throw new IllegalArgumentException("a link joins two different members, not " + a + " and itself");
    }
    if (a > b) {
      int t = a;
      a = b;
      b = t;
    }
  }

  public boolean touches(int member) {
    return a == member || b == member;
  }

  @Override
  public int compareTo(Link o) {
    return a != o.a ? Integer.compare(a, o.a) : Integer.compare(b, o.b);
  }

  @Override
  public String toString() {
    return a + "-" + b;
  }
}
