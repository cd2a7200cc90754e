package dev.pydesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A test run the four ways PyScript's own suite runs a module: {@code py} and {@code mpy}, each on the page's main
 * thread and in a worker. The method takes the variant ({@link Variants#PY}, {@link Variants#MPY_WORKER}, ...) as
 * its one {@code String} parameter; {@link Variants#type} and {@link Variants#worker} take it apart.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "on {0}")
@ValueSource(strings = {Variants.PY, Variants.MPY, Variants.PY_WORKER, Variants.MPY_WORKER})
public @interface MainAndWorker {
}
