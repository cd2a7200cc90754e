package dev.pydesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A test run once per interpreter, {@code py} (GraalPy standing in for Pyodide) and {@code mpy} (MicroPython's
 * stand-in): the method takes the script type as its one {@code String} parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "on {0}")
@ValueSource(strings = {Variants.PY, Variants.MPY})
public @interface BothInterpreters {
}
