package io.plumbline.raft.mbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TlaParserTest {

  @Test
  void scalarsAndModelValues() {
    assertEquals(new TlaValue.Int(-3), TlaParser.parse(" -3 "));
    assertEquals(new TlaValue.Str("Leader"), TlaParser.parse("\"Leader\""));
    assertEquals(new TlaValue.Str("a\"b"), TlaParser.parse("\"a\\\"b\""));
    assertEquals(new TlaValue.Bool(true), TlaParser.parse("TRUE"));
    assertEquals(new TlaValue.ModelValue("s1"), TlaParser.parse("s1"));
  }

  @Test
  void setsCompareRegardlessOfOrder() {
    assertEquals(TlaParser.parse("{s1, s2}"), TlaParser.parse("{ s2,s1 }"));
    assertEquals(Set.of(), TlaParser.parse("{}").asSet());
  }

  @Test
  void sequencesKeepOrder() {
    assertEquals(List.of(new TlaValue.Int(1), new TlaValue.Int(2)), TlaParser.parse("<<1, 2>>").asSeq());
    assertTrue(!TlaParser.parse("<<1, 2>>").equals(TlaParser.parse("<<2, 1>>")));
  }

  @Test
  void recordsAndNestedFunctions() {
    TlaValue v = TlaParser.parse(
        "( s1 :> (s1 :> 0 @@ s2 :> 1) @@\n  s2 :> [term |-> 1, value |-> Nil] )");
    TlaValue.Fun f = v.asFunction();
    assertEquals(1, f.get(new TlaValue.ModelValue("s1")).asFunction()
        .get(new TlaValue.ModelValue("s2")).asLong());
    assertEquals("Nil", f.get(new TlaValue.ModelValue("s2")).asRecord().get("value").text());
    assertEquals(TlaParser.parse("[value |-> Nil, term |-> 1]"),
        f.get(new TlaValue.ModelValue("s2")));
  }

  @Test
  void bagsAreFunctionsFromMessagesToCounts() {
    TlaValue bag = TlaParser.parse("( [ mtype |-> \"HeartbeatRequest\", mterm |-> 1 ] :>\n      2 )");
    Map<TlaValue, TlaValue> map = bag.asFunction().map();
    assertEquals(new TlaValue.Int(2), map.get(TlaParser.parse("[mterm |-> 1, mtype |-> \"HeartbeatRequest\"]")));
  }

  @Test
  void theEmptyFunctionPrintsAsTheEmptySequence() {
    assertEquals(Map.of(), TlaParser.parse("<< >>").asFunction().map());
  }

  @Test
  void statesAreConjunctionsOfVariables() {
    Map<String, TlaValue> s = TlaParser.parseState(
        "/\\ x = 1\n/\\ log = (s1 :> <<>> @@ s2 :> <<[term |-> 1, value |-> v1]>>)\n");
    assertEquals(Set.of("x", "log"), s.keySet());
    assertEquals(1, s.get("log").asFunction().get(new TlaValue.ModelValue("s2")).asSeq().size());
  }

  @Test
  void malformedInputIsRejectedWithItsPosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TlaParser.parse("[a |-> 1"));
    assertTrue(e.getMessage().contains("']' expected"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TlaParser.parse("{1, 2} x"));
    assertThrows(IllegalArgumentException.class, () -> TlaParser.parse("\"open"));
  }
}
