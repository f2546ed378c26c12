package de.participation.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;

/**
 * An instant a meeting can mean: in the years 2000 to 2200. JSON allows instants a million years
 * away; every value the command side accepts must also be storable and projectable everywhere
 * downstream (a far-future date once stopped the read side), so the bound is the domain's.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausibleInstant.Validator.class)
@interface PlausibleInstant {

    int FIRST_YEAR = 2000;
    int LAST_YEAR = 2200;

    String message() default "must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausibleInstant, OffsetDateTime> {

        @Override
        public boolean isValid(OffsetDateTime instant, ConstraintValidatorContext context) {
            return instant == null || instant.getYear() >= FIRST_YEAR && instant.getYear() <= LAST_YEAR;
        }
    }
}
