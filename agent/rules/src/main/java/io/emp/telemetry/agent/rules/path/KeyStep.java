package io.emp.telemetry.agent.rules.path;

import java.util.Map;

/** {@code ['key']}: a value of a JDK map; on other objects the same as the property {@code .key}. */
final class KeyStep implements AttributePath.Step {
    private final String key;
    private final PropertyStep asProperty;

    KeyStep(String key) {
        this.key = key;
        this.asProperty = new PropertyStep(key);
    }

    @Override
    public Object apply(Object receiver) throws Throwable {
        if (receiver instanceof Map && ReadableTypes.isReadableContainer(receiver)) {
            return ReadableTypes.lookup((Map<?, ?>) receiver, key);
        }
        return asProperty.apply(receiver);
    }

    String name() {
        return key;
    }
}
