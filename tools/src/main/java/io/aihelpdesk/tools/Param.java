package io.aihelpdesk.tools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a tool's parameter record. The JSON Schema that MCP, REST and A2A
 * publish is derived from these annotations in exactly one place ({@code JsonSchemas}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** What the value means, written for the agent that fills it in. */
    String value();

    /** Default applied when the argument is absent, as its JSON text ("" = no default). */
    String defaultValue() default "";

    /** Whether the caller must supply the argument. */
    boolean required() default false;

    /** Allowed values for a string parameter (Java enums derive theirs automatically). */
    String[] allowed() default {};

    /** Inclusive lower bound for a numeric parameter. */
    long min() default Long.MIN_VALUE;

    /** Inclusive upper bound for a numeric parameter. */
    long max() default Long.MAX_VALUE;
}
