package io.emp.telemetry.agent.instrument;

/**
 * What every call site handler answers before the advice extracts anything: whether this call is
 * wanted at all. Runs on application threads for every call of an instrumented method, so it
 * must not allocate (a sampling decision, a per-thread flag).
 * <p>
 * One sub-interface per kind of call site, each matching one pair of {@code Bridge} entry points
 * with the same named parameters: {@link CallSiteHandler} (a method: rules, annotations),
 * {@link ServerRequestSite}, {@link ServerRouteSite}, {@link ClientRequestSite}, {@link ClientCallSite},
 * {@link LibraryClientRequestSite}, {@link AsyncClientRequestSite}, {@link UrlConnectionSite}, {@link FunctionCallSite},
 * {@link PipelinedReplySite}, {@link WebSocketSite}.
 */
public interface SiteHandler {
    /** {@code false}: the advice does nothing more for this call. Called once per call, before enter. */
    default boolean active() {
        return true;
    }
}
