package io.emp.telemetry.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the collector version (also {@code -V} / {@code --version} on every command). */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void run() {
        spec.commandLine().getOut().println("emp-collector " + version());
        spec.commandLine().getOut().flush();
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"emp-collector " + version()};
        }
    }
}
