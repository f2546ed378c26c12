package de.participation.web.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem response an operation gives beyond those {@link ProblemDescriptions} derives for every
 * operation (a rule violation, a read that waited too long): its status, its {@code code}s and when.
 * The API description lists it with the problem schema and one example per code. On a controller it
 * holds for each of its operations; on an annotation, for each operation that annotation marks (so a
 * service names a refusal that many operations share once).
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Refusals.class)
public @interface Refusal {

    int status();

    String[] codes();

    /** When it is answered, in the words of the API's documentation. */
    String when();
}
