package io.emp.sample.api;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small WebSocket client that follows one job:
 * {@code java -cp api-server.jar io.emp.sample.api.JobFollowerMain ws://127.0.0.1:8080/ws/jobs <jobId> [timeoutSeconds]}.
 * Prints every status message it receives and the close; exits 0 when the job completed, 1 when it
 * failed, 2 on a timeout or a connection problem.
 */
public final class JobFollowerMain {
    private JobFollowerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: JobFollowerMain <ws://host:port/ws/jobs> <jobId> [timeoutSeconds]");
            System.exit(2);
        }
        long timeout = args.length > 2 ? Long.parseLong(args[2]) : 60;
        Follower follower = new Follower();
        WebSocketClient client = new WebSocketClient();
        client.start();
        int exit = 2;
        try {
            Session session = client.connect(follower, URI.create(args[0])).get(20, TimeUnit.SECONDS);
            System.out.println("follow: connected to " + args[0]);
            session.sendText("subscribe job:" + args[1] + ":status", Callback.NOOP);
            if (!follower.closed.await(timeout, TimeUnit.SECONDS)) {
                System.out.println("follow: no end of job " + args[1] + " within " + timeout + " s");
                session.close(1000, "timeout", Callback.NOOP);
            } else {
                exit = "job completed".equals(follower.reason) ? 0 : 1;
            }
        } catch (Exception e) {
            System.err.println("follow: " + e);
        } finally {
            client.stop();
        }
        System.exit(exit);
    }

    /** Prints what the server sends. */
    public static final class Follower implements Session.Listener.AutoDemanding {
        final CountDownLatch closed = new CountDownLatch(1);
        volatile String reason;

        @Override
        public void onWebSocketText(String message) {
            System.out.println("follow: " + message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            this.reason = reason;
            System.out.println("follow: closed " + statusCode + " " + reason);
            closed.countDown();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            System.out.println("follow: error " + cause);
        }
    }
}
