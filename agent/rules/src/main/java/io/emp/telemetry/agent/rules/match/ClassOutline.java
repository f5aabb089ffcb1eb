package io.emp.telemetry.agent.rules.match;

import java.nio.charset.StandardCharsets;

/**
 * The head of a class file, read without building a type description: its name, whether it is an
 * interface, its direct superclass and interfaces and the annotations declared on the class. Fields
 * and methods are skipped by their lengths, nothing else is decoded, so reading an outline costs a
 * scan of the bytes and a few strings (a ByteBuddy description of the same class makes a token for
 * every member). Names are binary names ({@code a.b.Outer$Inner}).
 */
final class ClassOutline {
    private static final int ACC_INTERFACE = 0x0200;

    final String name;
    final boolean isInterface;
    final String superName; // null for java.lang.Object and interfaces' absent super
    final String[] interfaces;
    final String[] annotations;

    private ClassOutline(String name, boolean isInterface, String superName, String[] interfaces, String[] annotations) {
        this.name = name;
        this.isInterface = isInterface;
        this.superName = superName;
        this.interfaces = interfaces;
        this.annotations = annotations;
    }

    /** @throws IllegalArgumentException (or an index exception) when the bytes are not a class file */
    static ClassOutline read(byte[] b) {
        Reader r = new Reader(b);
        if (r.u4() != 0xCAFEBABE) throw new IllegalArgumentException("not a class file");
        r.skip(4); // minor, major
        int count = r.u2();
        int[] offsets = new int[count]; // each entry's first byte after its tag
        for (int i = 1; i < count; i++) {
            int tag = r.u1();
            offsets[i] = r.pos;
            switch (tag) {
                case 1: r.skip(r.u2()); break;                       // Utf8
                case 3: case 4: r.skip(4); break;                    // Integer, Float
                case 5: case 6: r.skip(8); i++; break;               // Long, Double: two slots
                case 7: case 8: case 16: case 19: case 20: r.skip(2); break; // Class, String, MethodType, Module, Package
                case 9: case 10: case 11: case 12: case 17: case 18: r.skip(4); break; // refs, NameAndType, (Invoke)Dynamic
                case 15: r.skip(3); break;                           // MethodHandle
                default: throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        int access = r.u2();
        String name = className(b, offsets, r.u2());
        int superIndex = r.u2();
        String superName = superIndex == 0 ? null : className(b, offsets, superIndex);
        String[] interfaces = new String[r.u2()];
        for (int i = 0; i < interfaces.length; i++) interfaces[i] = className(b, offsets, r.u2());
        for (int members = 0; members < 2; members++) { // fields, then methods
            int n = r.u2();
            for (int i = 0; i < n; i++) {
                r.skip(6);
                skipAttributes(r);
            }
        }
        String[] annotations = new String[0];
        int attributes = r.u2();
        for (int i = 0; i < attributes; i++) {
            int nameIndex = r.u2();
            int length = r.u4();
            int end = r.pos + length;
            if (length < 0 || end > b.length) throw new IllegalArgumentException("truncated class file");
            if (utf8Equals(b, offsets[nameIndex], "RuntimeVisibleAnnotations")) {
                annotations = new String[r.u2()];
                for (int a = 0; a < annotations.length; a++) {
                    annotations[a] = descriptorToName(utf8(b, offsets[r.u2()]));
                    skipPairs(r);
                }
            }
            r.pos = end;
        }
        if (r.pos != b.length) throw new IllegalArgumentException("bytes after the class file's end");
        return new ClassOutline(name, (access & ACC_INTERFACE) != 0, superName, interfaces, annotations);
    }

    private static void skipAttributes(Reader r) {
        int n = r.u2();
        for (int i = 0; i < n; i++) {
            r.skip(2);
            r.skip(r.u4());
        }
    }

    private static void skipPairs(Reader r) {
        int pairs = r.u2();
        for (int p = 0; p < pairs; p++) {
            r.skip(2);
            skipElementValue(r);
        }
    }

    private static void skipElementValue(Reader r) {
        int tag = r.u1();
        switch (tag) {
            case 'e': r.skip(4); break;
            case '@': r.skip(2); skipPairs(r); break;
            case '[': {
                int n = r.u2();
                for (int i = 0; i < n; i++) skipElementValue(r);
                break;
            }
            default: r.skip(2); // B C D F I J S Z s c
        }
    }

    private static String className(byte[] b, int[] offsets, int classIndex) {
        int nameIndex = ((b[offsets[classIndex]] & 0xFF) << 8) | (b[offsets[classIndex] + 1] & 0xFF);
        return utf8(b, offsets[nameIndex]).replace('/', '.');
    }

    /** {@code Lcom/acme/Ann;} → {@code com.acme.Ann}. */
    private static String descriptorToName(String descriptor) {
        if (descriptor.length() < 3 || descriptor.charAt(0) != 'L') return descriptor;
        return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    }

    private static boolean utf8Equals(byte[] b, int offset, String ascii) {
        int len = ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
        if (len != ascii.length()) return false;
        for (int i = 0; i < len; i++) if (b[offset + 2 + i] != ascii.charAt(i)) return false;
        return true;
    }

    /** A CONSTANT_Utf8 entry: modified UTF-8, whose only differences from UTF-8 (NUL, supplementary pairs) never occur in names. */
    private static String utf8(byte[] b, int offset) {
        int len = ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
        return new String(b, offset + 2, len, StandardCharsets.UTF_8);
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        int u1() {
            return b[pos++] & 0xFF;
        }

        int u2() {
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int u4() {
            int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        void skip(int n) {
            if (n < 0 || pos + n > b.length) throw new IllegalArgumentException("truncated class file");
            pos += n;
        }
    }
}
