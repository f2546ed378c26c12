package de.participation.web.strict;

import de.participation.web.ProblemResponseSupport;
import de.participation.web.ProblemWriter;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * How both services meet malformed and hostile requests, at the depth where each arises, so that
 * every refusal is a 4xx problem with a {@code code} and never a guess, a 500 or a stack trace:
 * strict JSON ({@link StrictJson}), strict ids ({@link StrictUuid}), concrete content types
 * ({@link ConcreteContentType}), the security firewall's refusals, the servlet container's error
 * dispatch ({@link ProblemErrorController}) and Tomcat's own error report
 * ({@link ProblemErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ProblemErrorController.class, StrictUuid.class})
public class StrictWebConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return StrictJson::configure;
    }

    @Bean
    FilterRegistrationBean<ConcreteContentType> concreteContentType() {
        FilterRegistrationBean<ConcreteContentType> registration = new FilterRegistrationBean<>(new ConcreteContentType());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Spring Security's strict firewall, also refusing control characters in query parameters
     * (Spring's own conversion trims them away: {@code status=%00} would read as no status at all).
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterNames(StrictWebConfiguration::printable);
        firewall.setAllowedParameterValues(StrictWebConfiguration::printable);
        firewall.setAllowedHeaderNames(StrictWebConfiguration::assignedAndNotControl);
        firewall.setAllowedHeaderValues(StrictWebConfiguration::assignedAndNotControl);
        return firewall;
    }

    /**
     * The firewall's own rule for headers (every character assigned in Unicode, none a control
     * character) without its regular expression, which cost more CPU per request than parsing the
     * body: it ran over every header, the long bearer token included.
     */
    static boolean assignedAndNotControl(String text) {
        return text.codePoints().allMatch(character -> Character.isDefined(character) && !Character.isISOControl(character));
    }

    private static boolean printable(String text) {
        return text.chars().noneMatch(Character::isISOControl);
    }

    /** The firewall refuses encoded slashes, dots and the like before any handler runs. */
    @Bean
    RequestRejectedHandler requestRejectedAsProblem() {
        return (request, response, rejected) -> ProblemWriter.write(response, HttpStatus.BAD_REQUEST,
                ProblemResponseSupport.VALIDATION_FAILED, "The request's URL is not allowed");
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatErrorsAsProblems() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
