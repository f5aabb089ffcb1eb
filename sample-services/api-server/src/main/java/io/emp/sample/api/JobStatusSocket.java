package io.emp.sample.api;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One WebSocket connection on {@code /ws/jobs}. The client sends {@code subscribe job:<id>:status}
 * and receives the job's status as JSON each time it changes (status, attempt, progress), until the
 * job completes or fails; then the server closes the connection (1000, "job completed" / "job failed").
 */
public final class JobStatusSocket implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(JobStatusSocket.class);
    private static final Pattern CHANNEL = Pattern.compile("job:([A-Za-z0-9-]{1,64}):status");

    private final JobStatusFeed feed;
    private volatile Session session;
    private volatile JobStatusFeed.Subscription subscription;

    JobStatusSocket(JobStatusFeed feed) {
        this.feed = feed;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        String text = message.trim();
        if (!text.startsWith("subscribe ")) {
            send("{\"error\":\"expected: subscribe job:<id>:status\"}");
            return;
        }
        subscribe(text.substring("subscribe ".length()).trim());
    }

    /** Starts following the job named by {@code channel} ({@code job:<id>:status}); one job per connection. */
    void subscribe(String channel) {
        Matcher m = CHANNEL.matcher(channel);
        if (!m.matches()) {
            send("{\"error\":\"unknown channel\"}");
            return;
        }
        if (subscription != null) {
            send("{\"error\":\"already subscribed\"}");
            return;
        }
        subscription = feed.follow(m.group(1), this::send, this::finish);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        stop();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.warn("websocket error: {}", cause.toString());
        stop();
    }

    private void stop() {
        JobStatusFeed.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    private void send(String json) {
        Session s = session;
        if (s != null && s.isOpen()) s.sendText(json, Callback.NOOP);
    }

    private void finish(String reason) {
        Session s = session;
        if (s != null && s.isOpen()) s.close(1000, reason, Callback.NOOP);
    }
}
