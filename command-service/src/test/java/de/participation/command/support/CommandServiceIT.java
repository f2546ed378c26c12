package de.participation.command.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command service on a real HTTP port with its own embedded PostgreSQL in a fresh directory
 * (one per Spring context), reached through {@link #api} and inspected through {@link #stored}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandServiceIT {

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;

    protected Api api;
    protected StoredEvents stored;

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        TestDataDirectory.register(registry, TestDataDirectory.create());
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        stored = new StoredEvents(jdbc);
    }
}
