package io.emp.telemetry.agent.instrument.http.server;

/**
 * Why the server turned a request away, from its 4xx status: the status is all the agent reads (never the body,
 * never a header), so the reason is the status's meaning, named so that dashboards can group by it.
 */
final class Rejections {
    static final String VALIDATION = "validation";
    static final String UNAUTHENTICATED = "unauthenticated";
    static final String FORBIDDEN = "forbidden";
    static final String NOT_FOUND = "not_found";
    static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    static final String CONFLICT = "conflict";
    static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    static final String RATE_LIMITED = "rate_limited";
    static final String TIMEOUT = "timeout";
    static final String CLIENT_ERROR = "client_error";

    private Rejections() {
    }

    static boolean isRejection(int status) {
        return status >= 400 && status < 500;
    }

    /** The reason for a 4xx status; {@link #CLIENT_ERROR} for the ones without a more precise name. */
    static String reason(int status) {
        switch (status) {
            case 400:
            case 422:
                return VALIDATION;
            case 401:
                return UNAUTHENTICATED;
            case 403:
                return FORBIDDEN;
            case 404:
            case 410:
                return NOT_FOUND;
            case 405:
                return METHOD_NOT_ALLOWED;
            case 408:
                return TIMEOUT;
            case 409:
                return CONFLICT;
            case 413:
                return PAYLOAD_TOO_LARGE;
            case 415:
                return UNSUPPORTED_MEDIA_TYPE;
            case 429:
                return RATE_LIMITED;
            default:
                return CLIENT_ERROR;
        }
    }
}
