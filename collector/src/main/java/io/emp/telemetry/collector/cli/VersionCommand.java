package io.emp.telemetry.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the collector version. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {
    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void run() {
        System.out.println("emp-collector " + version());
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"emp-collector " + version()};
        }
    }
}
