package io.emp.telemetry.agent.log;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Routes Lettuce's and Netty's internal logging to {@link AgentLog} at DEBUG, so that reconnect
 * noise never reaches the application's log. Only done when Netty is relocated into the agent jar:
 * setting the default factory of an application's own (unshaded) Netty would change the
 * application's logging, which a guest must not do. Library users keep their own logging setup.
 */
public final class LettuceLogBridge {
    private static final AtomicBoolean installed = new AtomicBoolean();

    private LettuceLogBridge() {
    }

    public static void installIfRelocated() {
        try {
            if (!InternalLoggerFactory.class.getName().startsWith("io.netty.") && installed.compareAndSet(false, true)) {
                InternalLoggerFactory.setDefaultFactory(new InternalLoggerFactory() {
                    @Override
                    protected InternalLogger newInstance(String name) {
                        return logger(name);
                    }
                });
            }
        } catch (Throwable t) {
            AgentLog.debug("could not redirect Lettuce logging: " + t);
        }
    }

    /** A logger whose {@code isXxxEnabled()} answers DEBUG's state and whose messages go to DEBUG. */
    static InternalLogger logger(String name) {
        return (InternalLogger) Proxy.newProxyInstance(LettuceLogBridge.class.getClassLoader(),
                new Class<?>[]{InternalLogger.class}, (proxy, method, args) -> {
                    String m = method.getName();
                    if (m.equals("name")) return name;
                    if (m.equals("toString")) return "LettuceLogBridge(" + name + ")";
                    if (m.equals("hashCode")) return System.identityHashCode(proxy);
                    if (m.equals("equals")) return proxy == args[0];
                    boolean enabled = AgentLog.isEnabled(AgentLog.Level.DEBUG);
                    if (m.startsWith("is")) return enabled;
                    if (enabled && args != null) AgentLog.debug(name + ": " + format(args));
                    return null;
                });
    }

    /** SLF4J-style {@code {}} substitution, enough for debug output. */
    static String format(Object[] args) {
        int start = args[0] instanceof io.netty.util.internal.logging.InternalLogLevel ? 1 : 0;
        if (args.length <= start) return "";
        String pattern = String.valueOf(args[start]);
        Object[] rest = args.length > start + 1 && args[start + 1] instanceof Object[]
                ? (Object[]) args[start + 1] : java.util.Arrays.copyOfRange(args, start + 1, args.length);
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int i = 0;
        int at;
        while ((at = pattern.indexOf("{}", from)) >= 0 && i < rest.length) {
            sb.append(pattern, from, at).append(rest[i++]);
            from = at + 2;
        }
        sb.append(pattern.substring(from));
        for (; i < rest.length; i++) sb.append(' ').append(rest[i]);
        return sb.toString();
    }
}
