package io.emp.telemetry.it.jar;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one class file refers to, read from its constant pool: class constants and every
 * {@code Lname;} inside descriptors and signatures. Enough to find a reference into a class that was
 * left out of (or misnamed in) the shaded jar, without loading anything.
 */
final class ClassReferences {
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z0-9_$/]+)[;<]");

    private ClassReferences() {
    }

    /** Internal names ({@code a/b/C}) referred to by the class file {@code bytes}. */
    static Set<String> of(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: utf8[i] = in.readUTF(); break;
                case 7: classIndex[i] = in.readUnsignedShort(); break;
                case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: in.readInt(); break;
                case 5: case 6: in.readLong(); i++; break;
                case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
                default: throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 1; i < count; i++) {
            if (classIndex[i] != 0) {
                String name = utf8[classIndex[i]];
                if (name.startsWith("[")) addDescriptorTypes(name, out);
                else out.add(name);
            } else if (utf8[i] != null && (utf8[i].startsWith("(") || utf8[i].startsWith("L") || utf8[i].startsWith("<")
                    || utf8[i].startsWith("["))) {
                addDescriptorTypes(utf8[i], out);
            }
        }
        return out;
    }

    private static void addDescriptorTypes(String descriptor, Set<String> out) {
        Matcher m = DESCRIPTOR_TYPE.matcher(descriptor);
        while (m.find()) out.add(m.group(1));
    }
}
