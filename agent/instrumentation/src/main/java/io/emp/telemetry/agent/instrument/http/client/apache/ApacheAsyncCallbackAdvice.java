package io.emp.telemetry.agent.instrument.http.client.apache;

import io.emp.telemetry.agent.instrument.SiteId;
import io.emp.telemetry.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpResponse;

/**
 * On the async client's own exchange callback (an {@code AsyncExecCallback} nested in
 * {@code InternalAbstractHttpAsyncClient}): the final response's status, then completion or
 * failure of the exchange the chain advice bound to it.
 */
public final class ApacheAsyncCallbackAdvice {
    private ApacheAsyncCallbackAdvice() {
    }

    /** {@code handleResponse(response, entityDetails)}. */
    public static final class Response {
        private Response() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@SiteId int site, @Advice.This Object callback,
                                 @Advice.Argument(0) HttpResponse response) {
            if (response != null) Bridge.asyncHttpClientResponse(site, callback, response.getCode());
        }
    }

    /** {@code completed()}. */
    public static final class Completed {
        private Completed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@SiteId int site, @Advice.This Object callback) {
            Bridge.asyncHttpClientEnd(site, callback, null);
        }
    }

    /** {@code failed(cause)}. */
    public static final class Failed {
        private Failed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@SiteId int site, @Advice.This Object callback,
                                 @Advice.Argument(0) Exception cause) {
            Bridge.asyncHttpClientEnd(site, callback, cause);
        }
    }
}
