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
 * io.plumbline.history.HistoryRecorder} parameters. Everything is healed and stopped after the test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ChaosExtension.class)
public @interface ChaosTarget {
  /**
   * {@code etcd} (real etcd: /usr/bin/etcd, or the base image's in containers), {@code reference} or
   * {@code cmd:TEMPLATE}; in containers also {@code image:REF}.
   */
  String target() default "etcd";

  /** Extra arguments for every reference store member, space-separated (e.g. {@code --fault stale-read}). */
  String targetArgs() default "";

  int nodes() default 3;

  /** {@code local} (processes + proxies) or {@code containers} (Docker; the test fails when Docker is absent). */
  String runtime() default "local";
}
