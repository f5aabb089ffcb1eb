package io.emp.telemetry.it.app.routes;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServletHttpHandlerAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A small Spring MVC 6 application as Spring Boot would run it (the DispatcherServlet on the
 * default mapping "/"), in Jetty 12 under the context path {@code /clinic}: two owners, and one
 * whose page throws. Beside it, Spring WebFlux on the same container under the servlet prefix
 * mapping {@code /reactive/*} (its ServletHttpHandlerAdapter), with two owners.
 * Prints SPRING-ROUTES-DONE when every request got its answer.
 */
public final class SpringMvcApp {
    private SpringMvcApp() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(Config.class);
        ServletContextHandler context = new ServletContextHandler("/clinic");
        context.addServlet(new ServletHolder(new DispatcherServlet(spring)), "/");
        AnnotationConfigApplicationContext reactive = new AnnotationConfigApplicationContext(ReactiveConfig.class);
        ServletHolder webFlux = new ServletHolder(new ServletHttpHandlerAdapter(
                WebHttpHandlerBuilder.applicationContext(reactive).build()));
        webFlux.setAsyncSupported(true);
        context.addServlet(webFlux, "/reactive/*");
        server.setHandler(context);
        server.start();
        try {
            String base = "http://127.0.0.1:" + connector.getLocalPort() + "/clinic";
            Requests.get(base, Requests.OWNER_PATHS);
            Requests.get(base + "/reactive", "/owners/1", "/owners/2");
        } finally {
            server.stop();
            reactive.close();
        }
        System.out.println("SPRING-ROUTES-DONE");
    }

    @Configuration
    @EnableWebMvc
    public static class Config {
        @Bean
        public OwnerController ownerController() {
            return new OwnerController();
        }
    }

    @Configuration
    @EnableWebFlux
    public static class ReactiveConfig {
        @Bean
        public ReactiveOwnerController reactiveOwnerController() {
            return new ReactiveOwnerController();
        }
    }

    @RestController
    public static class ReactiveOwnerController {
        @GetMapping("/owners/{id}")
        public String find(@PathVariable("id") long id) {
            return "owner " + id;
        }
    }

    @RestController
    public static class OwnerController {
        @GetMapping("/owners/{id}")
        public String show(@PathVariable("id") long id) {
            return "owner " + id;
        }

        @GetMapping("/owners/{id}/fail")
        public String fail(@PathVariable("id") long id) {
            throw new IllegalStateException("owner " + id + " is unavailable");
        }
    }
}
