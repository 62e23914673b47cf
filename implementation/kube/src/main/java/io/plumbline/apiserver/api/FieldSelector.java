package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector: {@code metadata.name=x,spec.nodeName!=,status.phase==Running}. Any dotted path
 * to a scalar parses; requests check it against the type's labels ({@link FieldLabels}). An absent
 * field compares
 * as the empty string, so {@code spec.nodeName=} selects unscheduled pods.
 */
public final class FieldSelector {
  record Requirement(String path, boolean equal, String value) {
    boolean matches(JsonNode object) {
      return Json.text(object, path).equals(value) == equal;
    }
  }

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  public static FieldSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : text.split(",")) {
      requirements.add(requirement(part.strip(), text));
    }
    return new FieldSelector(List.copyOf(requirements));
  }

  public boolean matches(JsonNode object) {
    return requirements.stream().allMatch(r -> r.matches(object));
  }

  /** The field paths the selector names, for {@link FieldLabels#check}. */
  public java.util.List<String> paths() {
    return requirements.stream().map(Requirement::path).toList();
  }

  private static Requirement requirement(String part, String whole) {
    String[] ops = {"!=", "==", "="};
    for (String op : ops) {
      int at = part.indexOf(op);
      if (at > 0) {
        String path = part.substring(0, at).strip();
        String value = part.substring(at + op.length()).strip();
        if (path.matches("[A-Za-z0-9_.]+")) {
          return new Requirement(path, !op.equals("!="), value);
        }
      }
    }
    throw ApiError.badRequest("invalid field selector: \"" + part + "\" in \"" + whole + "\"");
  }
}
