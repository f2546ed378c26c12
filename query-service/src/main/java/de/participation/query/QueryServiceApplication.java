package de.participation.query;

import de.participation.web.stopping.StoppingNotice;
import de.participation.web.strict.StrictWebConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The read side: projects the Kafka history into MongoDB and serves it. */
@SpringBootApplication(exclude = MongoAutoConfiguration.class)
@Import({StrictWebConfiguration.class, StoppingNotice.class})
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
