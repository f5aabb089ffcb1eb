package io.emp.telemetry.it.app.placement;

/** A job as the built-in rules see it: an {@code id} and a {@code type}. */
public final class PlacementJob {
    private final String id;
    private final String type;

    public PlacementJob(String id, String type) {
        this.id = id;
        this.type = type;
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }
}
