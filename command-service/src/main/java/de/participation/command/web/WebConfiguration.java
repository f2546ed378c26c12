package de.participation.command.web;

import com.fasterxml.jackson.databind.Module;
import de.participation.command.EventMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.time.Duration;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final MeterRegistry meterRegistry;

    WebConfiguration(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CommandOutcomes(meterRegistry));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestOriginResolver());
    }

    @Bean
    Module trimmedText() {
        return Text.trimmingModule();
    }

    /** Copies the command's origin and its request's trace onto every event it causes. */
    @Bean
    CorrelationDataProvider requestOriginOnEvents() {
        return new SimpleCorrelationDataProvider(EventMetadata.CORRELATION_ID, EventMetadata.ISSUED_BY,
                EventMetadata.TRACEPARENT);
    }

    @Bean
    FilterRegistrationBean<BodyLimits> bodyLimits(
            @Value("${participation.http.max-body-size:64KB}") DataSize maxBodySize,
            @Value("${participation.http.body-read-within:10s}") Duration readWithin,
            @Value("${participation.http.concurrent-uploads:64}") int concurrentUploads) {
        FilterRegistrationBean<BodyLimits> registration =
                new FilterRegistrationBean<>(new BodyLimits(maxBodySize.toBytes(),
                        Map.of(PersonalDataController.PATH, PersonalDataController.MAX_BODY_BYTES), readWithin,
                        concurrentUploads));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
