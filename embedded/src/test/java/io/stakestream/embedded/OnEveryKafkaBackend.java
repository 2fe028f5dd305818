package io.stakestream.embedded;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a test method once per {@link KafkaBackend}; the method takes one {@code KafkaBackend}
 * parameter. Use topic names or consumer groups unique to the test: backends are shared.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ArgumentsSource(KafkaBackends.class)
public @interface OnEveryKafkaBackend {
}
