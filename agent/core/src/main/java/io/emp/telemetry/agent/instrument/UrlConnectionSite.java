package io.emp.telemetry.agent.instrument;

import java.net.HttpURLConnection;

/** A call of the JDK's {@link HttpURLConnection} that may start or finish its one request. */
public interface UrlConnectionSite extends SiteHandler {
    /** {@code null} when the call belongs to no request the agent follows (nothing happens on exit). */
    Call enter(Class<?> origin, HttpURLConnection connection, boolean connected);

    /** One call of the connection in progress. */
    interface Call {
        /** @param responseRead the call was the one that reads the response: the request is over */
        void exit(int responseCode, Throwable thrown, boolean responseRead);
    }
}
