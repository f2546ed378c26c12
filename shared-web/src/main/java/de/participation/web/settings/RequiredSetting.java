package de.participation.web.settings;

/**
 * A setting without which a service must not start.
 *
 * @param property the Spring property that holds it
 * @param variable the environment variable by which an operator sets it
 * @param purpose  what the service needs it for, as the end of "the service needs …"
 */
public record RequiredSetting(String property, String variable, String purpose) {
}
