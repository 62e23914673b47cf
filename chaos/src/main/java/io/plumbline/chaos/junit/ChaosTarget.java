package io.plumbline.chaos.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method as a chaos test: {@link ChaosExtension} starts a cluster of {@link
 * #target()} with {@link #nodes()} members on {@link #runtime()} for each test method and injects
 * {@link io.plumbline.chaos.runtime.ChaosCluster}, {@link NemesisController} and {@link
 * io.plumbline.chaos.run.HistoryRecorder} parameters. Everything is healed and stopped after the test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ChaosExtension.class)
public @interface ChaosTarget {
  /** {@code etcd} (real etcd from /usr/bin/etcd) or {@code cmd:TEMPLATE}. */
  String target() default "etcd";

  int nodes() default 3;

  /** Only {@code local} in this version. */
  String runtime() default "local";
}
