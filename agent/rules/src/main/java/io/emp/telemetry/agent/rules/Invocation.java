package io.emp.telemetry.agent.rules;

/**
 * One call of an instrumented method as the advice saw it. Built on entry, completed on exit; any field may be null
 * (static methods have no {@code self}, void methods return null).
 */
public final class Invocation {
    private final Object self;
    private final Object[] args;
    private Object returned;
    private Throwable thrown;

    public Invocation(Object self, Object[] args) {
        this.self = self;
        this.args = args;
    }

    public Object self() {
        return self;
    }

    public Object[] args() {
        return args;
    }

    public Object returned() {
        return returned;
    }

    public Throwable thrown() {
        return thrown;
    }

    /** Records how the call ended; called by the exit advice before the RETURN or EXCEPTION event is built. */
    public void complete(Object returned, Throwable thrown) {
        this.returned = returned;
        this.thrown = thrown;
    }
}
