package io.emp.telemetry.collector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The web console's settings ({@code collector.console.*}), read from the same layers as the rest
 * of the collector's configuration. A console reachable from other machines must have
 * authentication: a non-loopback host with {@code auth: none} is refused.
 */
public record ConsoleConfig(boolean enabled, String host, int port, Auth auth, String user, String password,
                            String token, Duration window, long scanLimit, long gapMs, String traceUrl,
                            String retryFunction) {

    /** How requests are authenticated. */
    public enum Auth { NONE, BASIC, TOKEN }

    /** From the process: {@code file} (may be null) ← system properties ← environment. */
    public static ConsoleConfig load(Path file) {
        return load(file, ConfigLayers.systemProperties(), System.getenv());
    }

    public static ConsoleConfig load(Path file, Map<String, String> sysProps, Map<String, String> env) {
        ConfigLayers l = new ConfigLayers(file, sysProps, env);
        Auth auth = auth(l);
        String host = CollectorConfig.nonEmpty(l, Setting.CONSOLE_HOST);
        int port = CollectorConfig.port(l, Setting.CONSOLE_PORT);
        if (port < 0) throw CollectorConfig.invalid(l, Setting.CONSOLE_PORT, Integer.toString(port), "not a port (0-65535)");
        String user = l.value(Setting.CONSOLE_USER);
        String password = l.value(Setting.CONSOLE_PASSWORD);
        String token = l.value(Setting.CONSOLE_TOKEN);
        if (auth == Auth.BASIC && (user.isEmpty() || password.isEmpty())) {
            throw CollectorConfig.invalid(l, Setting.CONSOLE_AUTH, "basic", "needs collector.console.user and collector.console.password");
        }
        if (auth == Auth.TOKEN && token.length() < 16) {
            throw CollectorConfig.invalid(l, Setting.CONSOLE_AUTH, "token", "needs collector.console.token of at least 16 characters");
        }
        if (auth == Auth.NONE && !isLoopback(host)) {
            throw CollectorConfig.invalid(l, Setting.CONSOLE_HOST, host,
                    "the console listens beyond this machine only with authentication (collector.console.auth: basic or token)");
        }
        return new ConsoleConfig(CollectorConfig.bool(l, Setting.CONSOLE_ENABLED), host, port, auth, user, password, token,
                CollectorConfig.duration(l, Setting.CONSOLE_WINDOW),
                CollectorConfig.positiveLong(l, Setting.CONSOLE_SCAN_LIMIT),
                CollectorConfig.positiveLong(l, Setting.CONSOLE_GAP_MS),
                l.value(Setting.CONSOLE_TRACE_URL), l.value(Setting.CONSOLE_RETRY_FUNCTION));
    }

    /** The same settings listening elsewhere (the {@code console} command's --host / --port). */
    public ConsoleConfig at(String newHost, Integer newPort) {
        String h = newHost == null ? host : newHost;
        if (auth == Auth.NONE && !isLoopback(h)) {
            throw new ConfigException("--host " + h + ": the console listens beyond this machine only with authentication"
                    + " (collector.console.auth: basic or token)");
        }
        return new ConsoleConfig(enabled, h, newPort == null ? port : newPort, auth, user, password, token, window,
                scanLimit, gapMs, traceUrl, retryFunction);
    }

    /**
     * Actions change the system: only a console whose users are authenticated offers them, and only with a way
     * to retry (this function, or the retry action of the collector's reactions file).
     */
    public boolean actionsEnabled(boolean reactionsCanRetry) {
        return auth != Auth.NONE && (!retryFunction.isEmpty() || reactionsCanRetry);
    }

    private static Auth auth(ConfigLayers l) {
        String v = l.value(Setting.CONSOLE_AUTH);
        try {
            return Auth.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CollectorConfig.invalid(l, Setting.CONSOLE_AUTH, v, "expected none, basic or token");
        }
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        // Never print the secrets.
        return "ConsoleConfig[host=" + host + ", port=" + port + ", auth=" + auth + ", window=" + window + "]";
    }
}
