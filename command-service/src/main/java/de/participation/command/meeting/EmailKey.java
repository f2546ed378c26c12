package de.participation.command.meeting;

import java.util.Locale;

/** How the Meeting recognises the same person: the email trimmed and compared case-insensitively. */
final class EmailKey {

    private EmailKey() {
    }

    static String of(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
