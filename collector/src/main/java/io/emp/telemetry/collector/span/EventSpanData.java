package io.emp.telemetry.collector.span;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

import java.util.List;

/** A finished span reconstructed from events, handed straight to the SDK's span exporter. */
record EventSpanData(String name, SpanKind kind, SpanContext spanContext, SpanContext parent, StatusData status,
                     long startNanos, long endNanos, Attributes attributes, List<EventData> events, List<LinkData> links,
                     InstrumentationScopeInfo scope, Resource resource) implements SpanData {

    @Override public String getName() { return name; }
    @Override public SpanKind getKind() { return kind; }
    @Override public SpanContext getSpanContext() { return spanContext; }
    @Override public SpanContext getParentSpanContext() { return parent; }
    @Override public StatusData getStatus() { return status; }
    @Override public long getStartEpochNanos() { return startNanos; }
    @Override public Attributes getAttributes() { return attributes; }
    @Override public List<EventData> getEvents() { return events; }
    @Override public List<LinkData> getLinks() { return links; }
    @Override public long getEndEpochNanos() { return endNanos; }
    @Override public boolean hasEnded() { return true; }
    @Override public int getTotalRecordedEvents() { return events.size(); }
    @Override public int getTotalRecordedLinks() { return links.size(); }
    @Override public int getTotalAttributeCount() { return attributes.size(); }
    @Override public InstrumentationScopeInfo getInstrumentationScopeInfo() { return scope; }
    @Override public Resource getResource() { return resource; }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
    }
}
