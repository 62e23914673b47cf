package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Strategic merge patch directives as kubectl apply produces them. */
class StrategicMergePatchTest {

  private static String apply(String target, String patch) {
    return StrategicMergePatch.apply(json(target), json(patch)).toString().replace('"', '\'');
  }

  @Test
  void containersMergeByNameAndKeepUnpatchedFields() {
    assertThat(apply("{'containers':[{'name':'a','image':'1','tty':true},{'name':'b','image':'2'}]}",
        "{'containers':[{'name':'a','image':'9'}]}"))
        .isEqualTo("{'containers':[{'name':'a','image':'9','tty':true},{'name':'b','image':'2'}]}");
  }

  @Test
  void patchDeleteRemovesOneElementByItsKey() {
    assertThat(apply("{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}",
        "{'env':[{'name':'A','$patch':'delete'}]}"))
        .isEqualTo("{'env':[{'name':'B','value':'2'}]}");
  }

  @Test
  void setElementOrderReordersTheMergedList() {
    assertThat(apply("{'containers':[{'name':'a'},{'name':'b'}]}",
        "{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'c'}]}"))
        .isEqualTo("{'containers':[{'name':'b'},{'name':'a'},{'name':'c'}]}");
  }

  @Test
  void listsWithoutAMergeKeyAreReplacedAndNullDeletes() {
    assertThat(apply("{'args':['x','y'],'keep':1,'drop':2}", "{'args':['z'],'drop':null}"))
        .isEqualTo("{'args':['z'],'keep':1}");
  }

  @Test
  void servicePortsMergeByPortAndContainerPortsByContainerPort() {
    assertThat(apply("{'ports':[{'port':80,'name':'http'},{'port':443}]}",
        "{'ports':[{'port':80,'name':'web'}]}"))
        .isEqualTo("{'ports':[{'port':80,'name':'web'},{'port':443}]}");
    assertThat(apply("{'ports':[{'containerPort':80,'protocol':'TCP'}]}",
        "{'ports':[{'containerPort':80,'name':'h'}]}"))
        .isEqualTo("{'ports':[{'containerPort':80,'protocol':'TCP','name':'h'}]}");
  }

  @Test
  void retainKeysDropsFieldsNotListedAndReplaceDirectiveReplacesAMap() {
    assertThat(apply("{'strategy':{'type':'A','rolling':{'x':1}}}",
        "{'strategy':{'$retainKeys':['type'],'type':'B'}}"))
        .isEqualTo("{'strategy':{'type':'B'}}");
    assertThat(apply("{'m':{'a':1,'b':2}}", "{'m':{'$patch':'replace','c':3}}"))
        .isEqualTo("{'m':{'c':3}}");
  }

  @Test
  void mergePatchReplacesListsWhole() {
    assertThat(MergePatch.apply(json("{'containers':[{'name':'a'},{'name':'b'}]}"),
        json("{'containers':[{'name':'c'}]}")).toString().replace('"', '\''))
        .isEqualTo("{'containers':[{'name':'c'}]}");
  }
}
