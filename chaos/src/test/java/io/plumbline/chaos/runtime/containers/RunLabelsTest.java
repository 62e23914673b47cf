package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunLabelsTest {

  @Test
  void aRunOfThisLiveJvmIsNotAbandoned() {
    assertThat(RunLabels.isAbandoned(RunLabels.owner())).isFalse();
  }

  @Test
  void aRunWhoseProcessExitedIsAbandoned() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    String host = RunLabels.owner().substring(0, RunLabels.owner().lastIndexOf('/'));
    assertThat(RunLabels.isAbandoned(host + "/" + p.pid())).isTrue();
  }

  @Test
  void runsOfOtherHostsAreNeverSwept() {
    assertThat(RunLabels.isAbandoned("some-other-host/1")).isFalse();
  }
}
