package io.emp.telemetry.agent.rules.path;

import java.util.Map;

/** {@code ['key']}: a map value; on other objects the same as the property {@code .key}. */
final class KeyStep implements AttributePath.Step {
    private final String key;
    private final PropertyStep asProperty;

    KeyStep(String key) {
        this.key = key;
        this.asProperty = new PropertyStep(key);
    }

    @Override
    public Object apply(Object receiver) throws Throwable {
        if (receiver instanceof Map) {
            return ((Map<?, ?>) receiver).get(key);
        }
        return asProperty.apply(receiver);
    }
}
