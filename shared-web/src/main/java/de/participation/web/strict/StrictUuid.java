package de.participation.web.strict;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.util.UUID;

/**
 * An id in a path or parameter is a UUID in its canonical form, nothing around it: Spring's own
 * conversion trims blanks (and falls back to a trimming editor when a converter refuses), so
 * {@code /meetings/<id>%20} would name the meeting {@code <id>}. An editor registered for every
 * binder is asked first, and alone.
 */
@ControllerAdvice
class StrictUuid {

    @InitBinder
    void canonicalUuids(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null || text.isEmpty() ? null : CanonicalUuid.parse(text));
            }
        });
    }
}
