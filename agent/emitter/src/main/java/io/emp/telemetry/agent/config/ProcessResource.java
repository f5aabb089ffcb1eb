package io.emp.telemetry.agent.config;

import io.emp.telemetry.agent.log.AgentLog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The process's OpenTelemetry resource, built the way the OpenTelemetry SDK builds it: detected facts
 * ({@link HostFacts}), overridden by {@code OTEL_RESOURCE_ATTRIBUTES} / {@code otel.resource.attributes}
 * (comma-separated {@code key=value}, values percent-decoded), with {@code service.name} set last from
 * the resolved service name ({@link ServiceName}). {@code service.instance.id} is a random UUID unless
 * the attributes give one. The writer stores it as JSON under {@code emp:resource:{instance}}.
 */
public final class ProcessResource {
    public static final String DISTRO_NAME = "emp-telemetry";
    static final String RESOURCE_ATTRIBUTES = "OTEL_RESOURCE_ATTRIBUTES";

    private final Map<String, Object> attributes;
    private final String instanceId;

    private ProcessResource(Map<String, Object> attributes) {
        this.attributes = Collections.unmodifiableMap(attributes);
        this.instanceId = String.valueOf(attributes.get("service.instance.id"));
    }

    /** The machine's configured id ({@link MachineId}), on the resource so a backend can group processes by machine. */
    public static final String MACHINE_ID = "emp.machine.id";

    static ProcessResource build(Settings settings, String serviceName, String machineId, Map<String, String> fromOtel) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("service.name", serviceName);
        a.put("service.instance.id", randomInstanceId().toString());
        a.putAll(HostFacts.resource());
        String hostId = HostFacts.hostId();
        if (hostId != null) a.put("host.id", hostId);
        a.putAll(HostFacts.cpu());
        a.put(MACHINE_ID, machineId);
        a.put("telemetry.distro.name", DISTRO_NAME);
        a.put("telemetry.distro.version", distroVersion());
        a.putAll(fromOtel);
        a.put("service.name", serviceName);
        return new ProcessResource(a);
    }

    /**
     * A random (version 4) UUID. Not {@link UUID#randomUUID()}: that sets up {@code SecureRandom} (security
     * providers, about 80 classes) in premain for an identifier that is unique, not secret.
     */
    static UUID randomInstanceId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;              // version 4
        long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(msb, lsb);
    }

    /** {@code OTEL_RESOURCE_ATTRIBUTES} (or {@code -Dotel.resource.attributes}), decoded; bad entries are logged and skipped. */
    static Map<String, String> otelAttributes(Settings settings) {
        String raw = settings.otel(RESOURCE_ATTRIBUTES);
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String part : raw.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            String key = eq > 0 ? part.substring(0, eq).trim() : "";
            String value = eq > 0 ? percentDecode(part.substring(eq + 1).trim()) : null;
            if (key.isEmpty() || value == null) {
                AgentLog.warn("ignoring '" + part.trim() + "' in " + settings.describeOtel(RESOURCE_ATTRIBUTES)
                        + ": expected key=value with the value percent-encoded");
                continue;
            }
            out.put(key, value);
        }
        return out;
    }

    /** {@code %XX} sequences decoded as UTF-8 (a {@code +} stays a plus); {@code null} for a malformed sequence. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String distroVersion() {
        String v = ProcessResource.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Attribute name → string or number, in a stable order. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** {@code service.instance.id}: the entry field {@code instance} and the key suffix of {@code emp:resource:{instance}}. */
    public String instanceId() {
        return instanceId;
    }
}
