package io.plumbline.spec.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceStateParserTest {

  @Test
  void parsesActionLocationAndMultiLineValues() {
    TraceState s = TraceStateParser.parse("""
        4: <UpdateSucceeds line 229, col 5 to line 238, col 75 of module LeaseElection>
        /\\ clock = (c1 :> 1 @@ c2 :> 0)
        /\\ observed = ( c1 :>
              [ holder |-> c1,
                rev |-> 2 ] @@
          c2 :> [holder |-> Nobody, rev |-> 0] )
        /\\ intent = (c1 :> "none" @@ c2 :> "none")
        """);
    assertThat(s.number()).isEqualTo(4);
    assertThat(s.action()).isEqualTo("UpdateSucceeds");
    assertThat(s.location()).isEqualTo("LeaseElection:229");
    assertThat(s.variables()).containsExactly(
        Map.entry("clock", "(c1 :> 1 @@ c2 :> 0)"),
        Map.entry("observed", "(c1 :> [holder |-> c1, rev |-> 2] @@ c2 :> [holder |-> Nobody, rev |-> 0])"),
        Map.entry("intent", "(c1 :> \"none\" @@ c2 :> \"none\")"));
  }

  @Test
  void parsesInitialStateOfASingleVariableSpec() {
    TraceState s = TraceStateParser.parse("1: <Initial predicate>\nx = 0\n");
    assertThat(s.action()).isEqualTo("Initial predicate");
    assertThat(s.location()).isEmpty();
    assertThat(s.variables()).containsExactly(Map.entry("x", "0"));
  }

  @Test
  void parsesLassoBackReference() {
    TraceState s = TraceStateParser.parse("Back to state 3: <Next line 5, col 9 to line 5, col 27 of module M>");
    assertThat(s.action()).isEqualTo("Back to state 3");
    assertThat(s.variables()).isEmpty();
  }

  @Test
  void flattensFunctionsAndRecordsButNotSetsOrSequences() {
    assertThat(TlaValues.flatten("observed",
        "(c1 :> [holder |-> c1, w |-> <<1, 2>>] @@ c2 :> [holder |-> Nobody, w |-> {}])"))
        .containsExactly(
            Map.entry("observed[c1].holder", "c1"), Map.entry("observed[c1].w", "<<1, 2>>"),
            Map.entry("observed[c2].holder", "Nobody"), Map.entry("observed[c2].w", "{}"));
    assertThat(TlaValues.flatten("s", "{[a |-> 1], [a |-> 2]}")).containsExactly(Map.entry("s", "{[a |-> 1], [a |-> 2]}"));
    assertThat(TlaValues.flatten("q", "\"a, b |-> c\"")).containsExactly(Map.entry("q", "\"a, b |-> c\""));
  }
}
