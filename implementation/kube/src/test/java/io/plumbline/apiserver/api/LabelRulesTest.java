package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Label keys and values as apimachinery's {@code IsQualifiedName} and {@code IsValidLabelValue}
 * define them, both sides of every bound, and where the API server applies them: an object's
 * {@code metadata.labels}, a service's and an RC's {@code spec.selector}, an RC template's labels
 * (422 naming the field path), annotation keys, and list selectors (400). Hostile inputs: empty,
 * unicode, a megabyte, a thousand dots.
 */
class LabelRulesTest {

  @Test
  void aKeyIsANamePartOfAtMost63WithAnOptionalSubdomainPrefixOfAtMost253() {
    for (String good : new String[] {"app", "A", "1", "a.b_c-d", "x".repeat(63),
        "example.com/MyName", "kubernetes.io/service-name", "a/b",
        "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61)
            + "/" + "n".repeat(63)}) {
      assertThat(LabelRules.keyErrors(good)).as(good).isEmpty();
    }
    assertThat(LabelRules.keyErrors("")).containsExactly("name part must be non-empty",
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
            + "end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    assertThat(LabelRules.keyErrors("x".repeat(64)))
        .containsExactly("name part must be no more than 63 characters");
    assertThat(LabelRules.keyErrors("p".repeat(254) + "/n"))
        .containsExactly("prefix part must be no more than 253 characters");
    assertThat(LabelRules.keyErrors("/n")).containsExactly("prefix part must be non-empty");
    assertThat(LabelRules.keyErrors("Example.com/n")).singleElement().asString()
        .startsWith("prefix part a lowercase RFC 1123 subdomain");
    assertThat(LabelRules.keyErrors("a/b/c")).singleElement().asString()
        .startsWith("a qualified name must consist of").endsWith("(e.g. 'example.com/MyName')");
    for (String bad : new String[] {"-app", "app-", ".a", "a_", "a b", "a=b", "ключ", "app\u0000",
        "é", "example.com/", "a//b"}) {
      assertThat(LabelRules.keyErrors(bad)).as(bad).isNotEmpty();
    }
  }

  @Test
  void aValueIsEmptyOrANamePartOfAtMost63() {
    for (String good : new String[] {"", "v", "MyValue", "my_value", "12345", "a.b-c_d",
        "v".repeat(63)}) {
      assertThat(LabelRules.valueErrors(good)).as(good).isEmpty();
    }
    assertThat(LabelRules.valueErrors("v".repeat(64)))
        .containsExactly("must be no more than 63 characters");
    // bytes, as Go's len: 32 two-byte letters are 64 bytes
    assertThat(LabelRules.valueErrors("é".repeat(32))).hasSize(2);
    for (String bad : new String[] {"-v", "v-", "_", "a b", "a/b", "日本", "v\n", " "}) {
      assertThat(LabelRules.valueErrors(bad)).as(bad).isNotEmpty();
    }
  }

  /** A megabyte of key, value or prefix, and a thousand-label prefix: an answer, never a crash. */
  @Test
  void hugeInputsAreRefusedByLengthWithoutExhaustingTheStack() {
    String mega = "a".repeat(1 << 20);
    assertThat(LabelRules.keyErrors(mega))
        .containsExactly("name part must be no more than 63 characters");
    assertThat(LabelRules.valueErrors(mega)).containsExactly("must be no more than 63 characters");
    assertThat(LabelRules.keyErrors("a.".repeat(200_000) + "a/n"))
        .containsExactly("prefix part must be no more than 253 characters");
    assertThat(LabelRules.keyErrors("a-".repeat(500_000) + "-")).hasSize(2);
    ObjectNode labelled = configMap("{}");
    Json.child(Json.child(labelled, "metadata"), "labels").put("a".repeat(40_000), mega);
    // (a JSON body cannot even carry a longer key: the parser stops at 50 000 characters)
    assertThatThrownBy(() -> Validation.check(Resources.CONFIG_MAPS, labelled))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.toStatus()
            .at("/details/causes").size()).isEqualTo(2));
  }

  private static ObjectNode configMap(String labels) {
    return json("{'metadata':{'name':'cm','labels':" + labels + "}}");
  }

  private static void refused(ResourceType type, ObjectNode object, String message) {
    assertThatThrownBy(() -> Validation.check(type, object))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.toStatus().at("/details/causes/0/field").asText())
              .isEqualTo(message.split(":")[0]);
        })
        .hasMessageContaining(message);
  }

  @Test
  void metadataLabelsAreCheckedOnEveryKindAndNamedByTheirPath() {
    assertThatCode(() -> Validation.check(Resources.CONFIG_MAPS,
        configMap("{'app':'web','example.com/tier':'','x':'" + "v".repeat(63) + "'}")))
        .doesNotThrowAnyException();
    refused(Resources.CONFIG_MAPS, configMap("{'bad key':'v'}"),
        "metadata.labels: Invalid value: \"bad key\": name part must consist of");
    refused(Resources.CONFIG_MAPS, configMap("{'app':'web server'}"),
        "metadata.labels: Invalid value: \"web server\": a valid label must be an empty string");
    refused(Resources.CONFIG_MAPS, configMap("{'':'v'}"),
        "metadata.labels: Invalid value: \"\": name part must be non-empty");
    refused(Resources.PODS, json("{'metadata':{'name':'p','labels':{'app':'é'}},"
        + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}"),
        "metadata.labels: Invalid value: \"é\"");
    refused(Resources.CONFIG_MAPS, configMap("{'app':3}"),
        "metadata.labels: Invalid value: 3: the value of label \"app\" must be a string");
    refused(Resources.CONFIG_MAPS, configMap("['app']"),
        "metadata.labels: Invalid value: [\"app\"]: must be a map");
    refused(Resources.NAMESPACES, json("{'metadata':{'name':'n','labels':{'a/b/c':'v'}}}"),
        "metadata.labels: Invalid value: \"a/b/c\": a qualified name");
  }

  @Test
  void selectorsAndTemplateLabelsOfServicesAndRcsAreLabels() {
    refused(Resources.SERVICES, json("{'metadata':{'name':'s'},'spec':{'selector':"
        + "{'app':'-web'},'ports':[{'port':80}]}}"), "spec.selector: Invalid value: \"-web\"");
    refused(Resources.REPLICATION_CONTROLLERS, json("{'metadata':{'name':'rc'},'spec':{"
        + "'selector':{'app!':'w'},'template':{'metadata':{'labels':{'app!':'w'}},'spec':{"
        + "'containers':[{'name':'c','image':'a'}]}}}}"), "spec.selector: Invalid value: \"app!\"");
    refused(Resources.REPLICATION_CONTROLLERS, json("{'metadata':{'name':'rc'},'spec':{"
        + "'selector':{'app':'w'},'template':{'metadata':{'labels':{'app':'w','t':'" + "t".repeat(64)
        + "'}},'spec':{'containers':[{'name':'c','image':'a'}]}}}}"),
        "spec.template.metadata.labels: Invalid value: \"" + "t".repeat(64) + "\": must be no");
  }

  @Test
  void annotationKeysAreQualifiedNamesInAnyCase() {
    assertThatCode(() -> Validation.check(Resources.CONFIG_MAPS, json("{'metadata':{'name':'cm',"
        + "'annotations':{'Example.COM/Note':'any value at all: ü / ','kubectl.kubernetes.io/"
        + "last-applied-configuration':'{}'}}}"))).doesNotThrowAnyException();
    refused(Resources.CONFIG_MAPS, json("{'metadata':{'name':'cm','annotations':{'a b':'v'}}}"),
        "metadata.annotations: Invalid value: \"a b\": name part must consist of");
  }

  @Test
  void aListSelectorWithAKeyOrValueNoLabelCouldHaveIsA400() {
    assertThat(LabelSelector.parse("app=web,example.com/tier in (a, ),!x").isEmpty()).isFalse();
    for (String bad : new String[] {"-app=web", "app=web-", "a/b/c=v", "app in (ok,-no)",
        "k" .repeat(64) + "=v", "app=" + "v".repeat(64), "/x", "!" + "p".repeat(254) + "/n"}) {
      assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad)
          .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
          .hasMessageStartingWith("unable to parse requirement: ");
    }
  }
}
