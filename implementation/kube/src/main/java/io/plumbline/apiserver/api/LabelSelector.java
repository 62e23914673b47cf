package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in its string form: {@code a=b, c==d, e!=f, g in (x,y),
 * h notin (z), i, !j}, requirements joined by commas (all must hold).
 */
public final class LabelSelector {
  /** One requirement on one label key. */
  record Requirement(String key, String op, Set<String> values) {
    boolean matches(JsonNode labels) {
      JsonNode v = labels == null ? null : labels.get(key);
      boolean present = v != null && v.isTextual();
      String value = present ? v.asText() : null;
      return switch (op) {
        case "=", "in" -> present && values.contains(value);
        case "!=", "notin" -> !present || !values.contains(value);
        case "exists" -> present;
        case "!" -> !present;
        default -> throw new IllegalStateException("parser produced unknown operator " + op);
      };
    }
  }

  private static final Pattern SET = Pattern.compile(
      "^([A-Za-z0-9./_-]+)\\s+(in|notin)\\s+\\(([^)]*)\\)$");
  private static final Pattern EQUALITY = Pattern.compile(
      "^([A-Za-z0-9./_-]+)\\s*(==|!=|=)\\s*([A-Za-z0-9._-]*)$");
  private static final Pattern EXISTS = Pattern.compile("^(!?)\\s*([A-Za-z0-9./_-]+)$");

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** Everything matches the empty selector. */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** Parses the query-string form; a malformed selector is a 400 Bad Request. */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      requirements.add(checked(requirement(part.strip(), text)));
    }
    return new LabelSelector(List.copyOf(requirements));
  }

  /** The selector a service or RC uses: every key=value of the map. */
  public static LabelSelector ofMap(Map<String, String> labels) {
    List<Requirement> requirements = new ArrayList<>();
    labels.forEach((k, v) -> requirements.add(new Requirement(k, "=", Set.of(v))));
    return new LabelSelector(List.copyOf(requirements));
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** True when the object's {@code metadata.labels} satisfy every requirement. */
  public boolean matches(JsonNode object) {
    JsonNode labels = object.path("metadata").get("labels");
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  private static Requirement requirement(String part, String whole) {
    Matcher m = SET.matcher(part);
    if (m.matches()) {
      Set<String> values = Set.of(m.group(3).strip().split("\\s*,\\s*"));
      return new Requirement(m.group(1), m.group(2), values);
    }
    m = EQUALITY.matcher(part);
    if (m.matches()) {
      String op = m.group(2).equals("==") ? "=" : m.group(2);
      return new Requirement(m.group(1), op, Set.of(m.group(3)));
    }
    m = EXISTS.matcher(part);
    if (m.matches()) {
      return new Requirement(m.group(2), m.group(1).isEmpty() ? "exists" : "!", Set.of());
    }
    throw ApiError.badRequest("unable to parse requirement: \"" + part
        + "\" in label selector \"" + whole + "\"");
  }

  /**
   * A requirement whose key and values are what a label may hold ({@code NewRequirement}'s
   * {@code validateLabelKey} / {@code validateLabelValue}), else 400 in its words.
   */
  private static Requirement checked(Requirement r) {
    List<String> keyErrors = LabelRules.keyErrors(r.key());
    if (!keyErrors.isEmpty()) {
      throw ApiError.badRequest("unable to parse requirement: key: Invalid value: \"" + r.key()
          + "\": " + String.join("; ", keyErrors));
    }
    int i = 0;
    for (String value : r.values().stream().sorted().toList()) {
      List<String> valueErrors = LabelRules.valueErrors(value);
      if (!valueErrors.isEmpty()) {
        throw ApiError.badRequest("unable to parse requirement: values[" + i + "][" + r.key()
            + "]: Invalid value: \"" + value + "\": " + String.join("; ", valueErrors));
      }
      i++;
    }
    return r;
  }

  /** Splits on commas outside parentheses, so {@code a in (x,y),b} is two requirements. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
