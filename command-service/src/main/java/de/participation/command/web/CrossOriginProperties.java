package de.participation.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Which web pages of other origins may send commands from a browser: the organisers' dashboard,
 * which the query service serves from its own origin. Empty (the default): no page of another
 * origin may, so a deployment opens the command API to browsers only by naming the page's origin.
 *
 * @param allowedOrigins exact origins ({@code https://host:port}), no patterns
 */
@ConfigurationProperties("participation.web")
public record CrossOriginProperties(@DefaultValue List<String> allowedOrigins) {
}
