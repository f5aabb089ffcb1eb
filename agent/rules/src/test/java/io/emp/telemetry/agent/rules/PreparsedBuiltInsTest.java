package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emp.telemetry.agent.rules.compile.ParsedFile;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in rule files parsed at build time ({@link PreparsedBuiltIns}) are the documents the YAML parser
 * makes of them at start-up, node for node with every location, and compile to the same rules.
 */
class PreparsedBuiltInsTest {
    private static final ClassLoader LOADER = PreparsedBuiltInsTest.class.getClassLoader();

    /** The test resources hold the YAML files under emp-rules/, as the agent jar does, without the .bin. */
    private static List<ParsedFile> parsedFromYaml() {
        assertNull(LOADER.getResource(PreparsedBuiltIns.RESOURCE), "the YAML path is what this test compares with");
        return RuleLoader.read(LOADER, Collections.emptyList());
    }

    private static byte[] buildTimeImage(@TempDir Path dir) throws Exception {
        URL index = LOADER.getResource(RuleLoader.BUILT_IN_INDEX);
        Path rulesDir = Paths.get(index.toURI()).getParent();
        Path out = dir.resolve("out").resolve("built-in-rules.bin");
        PreparsedBuiltIns.main(new String[] {rulesDir.toString(), out.toString()});
        return Files.readAllBytes(out);
    }

    @Test
    void buildTimeImageHoldsTheSameDocumentsAsTheYaml(@TempDir Path dir) throws Exception {
        List<ParsedFile> yaml = parsedFromYaml();
        List<ParsedFile> image = PreparsedBuiltIns.read(new ByteArrayInputStream(buildTimeImage(dir)));
        assertNotNull(image);
        assertEquals(yaml.size(), image.size());
        for (int i = 0; i < yaml.size(); i++) {
            assertEquals(yaml.get(i).source(), image.get(i).source());
            assertNull(image.get(i).problem());
            assertEquals(describe(yaml.get(i).documents()), describe(image.get(i).documents()), yaml.get(i).source());
        }
    }

    @Test
    void loaderPrefersTheImageAndCompilesTheSameRules(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("emp-rules"));
        Files.write(classes.resolve(PreparsedBuiltIns.RESOURCE), buildTimeImage(dir));
        // only the image: an index-less loader would report "built-in rule index not found" on the YAML path
        ClassLoader imageOnly = new ResourceOnlyLoader(classes);
        RuleSet fromImage = RuleLoader.load(imageOnly, Collections.emptyList());
        RuleSet fromYaml = RuleLoader.load(LOADER, Collections.emptyList());
        assertEquals(Collections.emptyList(), fromImage.problems());
        assertEquals(ids(fromYaml), ids(fromImage));
        assertEquals(fromYaml.rules().stream().map(InstrumentationRule::source).collect(Collectors.toList()),
                fromImage.rules().stream().map(InstrumentationRule::source).collect(Collectors.toList()));
    }

    @Test
    void aDamagedImageFallsBackToTheYaml(@TempDir Path dir) throws Exception {
        byte[] image = buildTimeImage(dir);
        byte[] truncated = Arrays.copyOf(image, image.length / 2);
        assertThrows(IOException.class, () -> PreparsedBuiltIns.read(new ByteArrayInputStream(truncated)));
        byte[] wrongMagic = image.clone();
        wrongMagic[0] ^= 0x55;
        assertNull(PreparsedBuiltIns.read(new ByteArrayInputStream(wrongMagic)));

        Path classes = dir.resolve("damaged");
        Files.createDirectories(classes.resolve("emp-rules"));
        Files.write(classes.resolve(PreparsedBuiltIns.RESOURCE), truncated);
        ClassLoader damaged = new ResourceOnlyLoader(classes, LOADER);
        RuleSet rules = RuleLoader.load(damaged, Collections.emptyList());
        assertEquals(Collections.emptyList(), rules.problems());
        assertEquals(ids(RuleLoader.load(LOADER, Collections.emptyList())), ids(rules));
    }

    @Test
    void aBuiltInFileThatDoesNotParseFailsTheBuild(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("index.yaml"), "- broken.yaml\n".getBytes());
        Files.write(dir.resolve("broken.yaml"), "rules: [unclosed\n".getBytes());
        IOException e = assertThrows(IOException.class,
                () -> PreparsedBuiltIns.main(new String[] {dir.toString(), dir.resolve("x.bin").toString()}));
        assertEquals(true, e.getMessage().contains("builtin:broken.yaml"), e.getMessage());
    }

    private static List<String> ids(RuleSet set) {
        return set.rules().stream().map(InstrumentationRule::id).collect(Collectors.toList());
    }

    /** Every node with its locations, as text: two trees are the same when their descriptions are. */
    private static String describe(List<YamlNode> documents) {
        StringBuilder out = new StringBuilder();
        for (YamlNode document : documents) {
            describe(document, out);
            out.append('\n');
        }
        return out.toString();
    }

    private static void describe(YamlNode node, StringBuilder out) {
        out.append(node.kind()).append('@').append(node.line()).append(':').append(node.column())
                .append('+').append(node.columnOf(0) - node.column()).append('=').append(node.text()).append('{');
        for (YamlNode.Entry entry : node.entries()) {
            out.append(entry.key()).append('@').append(entry.line()).append(':').append(entry.column()).append("->");
            describe(entry.value(), out);
            out.append(',');
        }
        for (YamlNode item : node.items()) {
            describe(item, out);
            out.append(',');
        }
        out.append('}');
    }

    /** Resources from one directory only (and, if given, a parent for anything else). */
    private static final class ResourceOnlyLoader extends ClassLoader {
        private final Path root;

        ResourceOnlyLoader(Path root) {
            this(root, null);
        }

        ResourceOnlyLoader(Path root, ClassLoader parent) {
            super(parent);
            this.root = root;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return Files.newInputStream(file);
                } catch (IOException e) {
                    return null;
                }
            }
            return getParent() == null ? null : getParent().getResourceAsStream(name);
        }
    }
}
