package io.plumbline.apiserver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@link ApiServerTestBase} class: its API server runs the duties (scheduler, endpoints
 * controller, three simulated nodes, 1 s resync). Without it nothing but the test writes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface WithDuties {}
