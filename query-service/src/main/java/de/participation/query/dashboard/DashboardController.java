package de.participation.query.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * The organisers' dashboard: a static page with plain JavaScript ({@code static/dashboard}) that
 * signs in by itself and reads the API and its capacity streams with the user's token. Its files
 * are public; they hold no data.
 */
@RestController
@Tag(name = "Dashboard", description = "The organisers' dashboard page")
class DashboardController {

    private final DashboardProperties properties;

    DashboardController(DashboardProperties properties) {
        this.properties = properties;
    }

    @Operation(summary = "The organisers' live dashboard", description = "Open to all: the page signs in itself and "
            + "holds no data.")
    @ApiResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html"))
    @GetMapping({"/dashboard", "/dashboard/"})
    ModelAndView page() {
        return new ModelAndView("forward:/dashboard/index.html");
    }

    /** What the page needs to sign in and to send commands. */
    @Operation(summary = "What the dashboard needs to sign in and to send commands", description = "Open to all.")
    @GetMapping("/dashboard/config.json")
    DashboardProperties config() {
        return properties;
    }
}
