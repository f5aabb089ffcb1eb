package io.emp.telemetry.agent.rules;

/** The three moments of a call at which a rule can emit an event. */
public enum Phase {
    ENTER, RETURN, EXCEPTION
}
