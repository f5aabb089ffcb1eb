package io.emp.bench.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Start-up benchmark: Spring Web (embedded Tomcat), Data JPA (Hibernate) and H2, a handful of entities
 * and repositories, so that starting loads the thousands of classes a typical Spring service loads.
 * The bench script reads Spring's own "Started BenchApplication in X seconds" line, then calls
 * {@code GET /owners} once (time to first 200) and stops the process.
 */
@SpringBootApplication
public class BenchApplication {
    public static void main(String[] args) {
        SpringApplication.run(BenchApplication.class, args);
    }
}
