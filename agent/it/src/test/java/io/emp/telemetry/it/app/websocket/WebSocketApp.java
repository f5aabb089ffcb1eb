package io.emp.telemetry.it.app.websocket;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpoint;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Jetty 12 server with a Jakarta {@code @ServerEndpoint} (/jakarta/feed) and a Jetty API
 * {@code Session.Listener} (/jetty/feed), both speaking "subscribe &lt;channel&gt;" and calling their
 * own {@code subscribe(String)} (the built-in websocket rules' convention); a Jakarta client and a
 * Jetty client each connect, subscribe, get the answer and close normally.
 */
public final class WebSocketApp {
    private WebSocketApp() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // Jetty's non-daemon threads would keep a failed run alive
        }
    }

    private static void run() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler jakarta = new ServletContextHandler("/jakarta");
        JakartaWebSocketServletContainerInitializer.configure(jakarta,
                (servletContext, container) -> container.addEndpoint(JakartaFeed.class));
        ContextHandler jetty = new ContextHandler("/jetty");
        jetty.setHandler(WebSocketUpgradeHandler.from(server, jetty,
                container -> container.addMapping("/feed", (request, response, callback) -> new JettyFeed())));
        server.setHandler(new ContextHandlerCollection(jakarta, jetty));
        server.start();
        String base = "ws://127.0.0.1:" + connector.getLocalPort();

        // Jetty's Jakarta client with a patient HTTP client: the build machine may be very busy
        HttpClient http = new HttpClient();
        http.setConnectTimeout(60_000);
        http.start();
        JakartaWebSocketClientContainer jakartaClient = new JakartaWebSocketClientContainer(http);
        jakartaClient.start();
        JakartaReader reader = new JakartaReader();
        jakarta.websocket.Session session = connectJakarta(jakartaClient, reader, URI.create(base + "/jakarta/feed?user=ada"));
        session.getBasicRemote().sendText("subscribe job:1:status");
        System.out.println("jakarta answer: " + reader.answers.poll(30, TimeUnit.SECONDS));
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        reader.closed.await(30, TimeUnit.SECONDS);

        WebSocketClient jettyClient = new WebSocketClient();
        jettyClient.start();
        JettyReader jettyReader = new JettyReader();
        jettyClient.setConnectTimeout(60_000);
        Session jettySession = jettyClient.connect(jettyReader, URI.create(base + "/jetty/feed")).get(90, TimeUnit.SECONDS);
        jettySession.sendText("subscribe job:2:status", Callback.NOOP);
        System.out.println("jetty answer: " + jettyReader.answers.poll(30, TimeUnit.SECONDS));
        jettySession.close(1000, "done", Callback.NOOP);
        jettyReader.closed.await(30, TimeUnit.SECONDS);
        Thread.sleep(500); // the server side's close callbacks run after the client's
        jettyClient.stop();
        server.stop();
        System.out.println("WS-APP-DONE");
        System.exit(0);
    }

    /** A connect may still time out on a machine under heavy load: try again. */
    private static jakarta.websocket.Session connectJakarta(WebSocketContainer client, Object endpoint, URI uri)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.connectToServer(endpoint, uri);
            } catch (java.io.IOException | jakarta.websocket.DeploymentException e) {
                if (attempt == 5) throw e;
                System.out.println("connect attempt " + attempt + " failed: " + e);
            }
        }
    }

    @ServerEndpoint("/feed")
    public static class JakartaFeed {
        @OnOpen
        public void open(jakarta.websocket.Session session) {
        }

        @OnClose
        public void close(jakarta.websocket.Session session, CloseReason reason) {
        }

        @OnMessage
        public String message(String text) {
            return subscribe(text.substring("subscribe ".length()));
        }

        public String subscribe(String channel) {
            return "subscribed " + channel;
        }
    }

    public static class JettyFeed implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(subscribe(message.substring("subscribe ".length())), Callback.NOOP);
        }

        public String subscribe(String channel) {
            return "subscribed " + channel;
        }
    }

    @ClientEndpoint
    public static class JakartaReader {
        final BlockingQueue<String> answers = new ArrayBlockingQueue<>(4);
        final CountDownLatch closed = new CountDownLatch(1);

        @OnOpen
        public void open() {
        }

        @OnMessage
        public void message(String text) {
            answers.offer(text);
        }

        @OnClose
        public void close() {
            closed.countDown();
        }
    }

    public static class JettyReader implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> answers = new ArrayBlockingQueue<>(4);
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onWebSocketOpen(Session session) {
        }

        @Override
        public void onWebSocketText(String message) {
            answers.offer(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closed.countDown();
        }
    }
}
