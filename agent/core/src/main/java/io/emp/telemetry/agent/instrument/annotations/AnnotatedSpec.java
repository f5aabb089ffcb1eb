package io.emp.telemetry.agent.instrument.annotations;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one {@code @TelemetryEvent} method emits, read from its annotations at transformation time:
 * the event prefix, the attribute name of each {@code @EventAttribute} parameter, and which
 * parameter is the {@code @JobId}. Equal shapes share one call site.
 */
final class AnnotatedSpec {
    final String prefix;
    /** Per parameter: attribute name, or null. */
    final String[] attributeNames;
    /** Index of the {@code @JobId} parameter, or -1. */
    final int jobIdIndex;

    AnnotatedSpec(String prefix, String[] attributeNames, int jobIdIndex) {
        this.prefix = prefix;
        this.attributeNames = attributeNames;
        this.jobIdIndex = jobIdIndex;
    }

    /**
     * From the annotated declaration; parameter annotations on the implementation count too (an
     * implementation may name attributes its interface does not). Null when there is no valid value.
     */
    static AnnotatedSpec of(MethodDescription implementation, MethodDescription declaration) {
        AnnotationDescription event = AnnotatedMethods.telemetryEvent(declaration);
        if (event == null) return null;
        Object value = event.getValue("value").resolve();
        if (!(value instanceof String) || ((String) value).trim().isEmpty()) return null;
        int n = implementation.getParameters().size();
        String[] names = new String[n];
        int jobId = -1;
        for (int i = 0; i < n; i++) {
            for (MethodDescription source : Arrays.asList(declaration, implementation)) {
                ParameterDescription p = source.getParameters().get(i);
                AnnotationDescription attribute = AnnotatedMethods.annotation(p.getDeclaredAnnotations(),
                        AnnotatedMethods.EVENT_ATTRIBUTE);
                if (attribute != null && names[i] == null) {
                    Object name = attribute.getValue("value").resolve();
                    if (name instanceof String && !((String) name).isEmpty()) names[i] = (String) name;
                }
                if (jobId < 0 && AnnotatedMethods.annotation(p.getDeclaredAnnotations(), AnnotatedMethods.JOB_ID) != null) {
                    jobId = i;
                }
            }
        }
        return new AnnotatedSpec(((String) value).trim(), names, jobId);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AnnotatedSpec)) return false;
        AnnotatedSpec s = (AnnotatedSpec) o;
        return prefix.equals(s.prefix) && jobIdIndex == s.jobIdIndex && Arrays.equals(attributeNames, s.attributeNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, jobIdIndex, Arrays.hashCode(attributeNames));
    }
}
