package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.collector.reactions.spi.ReactionActionFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/** Custom actions: every {@code *.jar} of the plugins folder, searched with {@link ServiceLoader}. */
public final class Plugins {
    private Plugins() {
    }

    /** Factories by name; {@code folder} null = none. A clash with a built-in or another plugin is an error. */
    public static Map<String, ReactionActionFactory> load(Path folder) {
        Map<String, ReactionActionFactory> out = new LinkedHashMap<>();
        if (folder == null) return out;
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException("plugins folder " + folder + " is not a directory");
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) jars.add(p.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list plugins folder " + folder + ": " + e.getMessage(), e);
        }
        ClassLoader loader = new URLClassLoader("emp-reaction-plugins", jars.toArray(URL[]::new), Plugins.class.getClassLoader());
        for (ReactionActionFactory f : ServiceLoader.load(ReactionActionFactory.class, loader)) {
            if (ActionCompiler.BUILT_IN.contains(f.name()) || out.containsKey(f.name())) {
                throw new IllegalArgumentException("plugin action name '" + f.name() + "' (" + f.getClass().getName()
                        + ") is already taken");
            }
            out.put(f.name(), f);
        }
        return out;
    }
}
