package de.participation.command.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CrossOriginPolicyTest {

    @Test
    void byDefaultNoOriginMaySendCommands() throws Exception {
        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/api/v1/meetings/m-1/capacity");
        preflight.addHeader("Origin", "http://localhost:8082");
        preflight.addHeader("Access-Control-Request-Method", "PUT");
        MockHttpServletResponse answer = new MockHttpServletResponse();
        CorsConfiguration configuration = CrossOriginPolicy.of(new CrossOriginProperties(List.of()))
                .getCorsConfiguration(preflight);

        boolean allowed = new DefaultCorsProcessor().processRequest(configuration, preflight, answer);

        assertThat(allowed).isFalse();
        assertThat(answer.getStatus()).isEqualTo(403);
        assertThat(answer.getHeader("Access-Control-Allow-Origin")).isNull();
    }
}
