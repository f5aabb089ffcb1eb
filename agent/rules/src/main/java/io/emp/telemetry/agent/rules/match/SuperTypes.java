package io.emp.telemetry.agent.rules.match;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.io.InputStream;
import java.lang.annotation.Inherited;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hierarchy matching (supertypes, class annotations) from class file outlines, computed once per
 * type and shared by every matcher.
 * <p>
 * ByteBuddy's {@code hasSuperType}, {@code isInterface} and {@code inheritsAnnotation} need a full
 * description of the class and of each supertype: every member of every class parsed into tokens,
 * and the walk repeated for each matcher. With a handful of such matchers (servlets, WebSocket
 * endpoints, the built-in rules' {@code implements}) that was most of what the agent allocated and
 * spent while an application started, for classes that almost never match. Here a type is read as a
 * {@link ClassOutline} (the class file's head: name, flags, supertypes, class annotations): the class
 * being loaded from the bytes the JVM hands the agent ({@link #classFile}), a supertype from its
 * class loader's resource; and each type's hierarchy is remembered (a small least-recently-used
 * table keyed by class loader and name), so the classes that extend a common base stop at it.
 * <p>
 * The table needs the class loader, which ByteBuddy's type matchers are not given: the agent's
 * matcher sets it around each match ({@link #matchingIn}). Outside such a scope (tests, tools), or
 * when a class file cannot be read, the hierarchy is walked through ByteBuddy's description instead,
 * with the same answers. A supertype that cannot be found ends its branch of the walk: the rest
 * still matches, where ByteBuddy would have failed the whole match.
 */
public final class SuperTypes {
    /**
     * Hierarchies remembered: about 180 bytes each (the names are shared with the supertypes'), so at most ~3 MiB.
     * A Spring Boot application of ~15 600 classes remembers ~10 000; with 4 096 the table churned and 2 141
     * supertype class files were read instead of 1 813 (docs/performance.md, "Spring Boot start-up").
     */
    static final int MAX_ENTRIES = 16_384;
    /** Deeper than any real hierarchy: a class file with a cyclic one (hostile or broken) stops here. */
    private static final int MAX_DEPTH = 64;
    private static final String INHERITED = "java.lang.annotation.Inherited";
    private static final String[] NONE = new String[0];

    private static final Object NO_SCOPE = new Object();
    private static final Object BOOT = new Object();
    private static final ThreadLocal<Object> LOADER = ThreadLocal.withInitial(() -> NO_SCOPE);
    private static final ThreadLocal<ClassFile> CLASS_FILE = new ThreadLocal<>();
    private static final Table TABLE = new Table(MAX_ENTRIES);

    private SuperTypes() {
    }

    /** What {@link #of} knows of a type. */
    public static final class Hierarchy {
        final boolean isInterface;
        final String[] classes;    // the type itself when it is a class, then its superclasses
        final String[] interfaces; // every interface in the hierarchy, the type itself when it is one
        final String[] annotations;             // declared on the type
        final String[] superclassAnnotations;   // declared on its superclasses (inherited if @Inherited)
        /** {@link #superclassAnnotations} holds only {@code @Inherited} ones (known from descriptions). */
        final boolean inheritanceChecked;
        /** Every supertype was resolved: only then is it remembered. */
        final boolean complete;

        Hierarchy(boolean isInterface, String[] classes, String[] interfaces, String[] annotations,
                  String[] superclassAnnotations, boolean inheritanceChecked, boolean complete) {
            this.isInterface = isInterface;
            this.classes = classes;
            this.interfaces = interfaces;
            this.annotations = annotations;
            this.superclassAnnotations = superclassAnnotations;
            this.inheritanceChecked = inheritanceChecked;
            this.complete = complete;
        }

        public boolean contains(String name) {
            return indexOf(classes, name) >= 0 || indexOf(interfaces, name) >= 0;
        }

        public boolean isInterface() {
            return isInterface;
        }
    }

    private static final class ClassFile {
        final String name;
        final byte[] bytes;

        ClassFile(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }

    /**
     * The class file the JVM is handing the agent on this thread ({@code internalName} as the JVM
     * gives it, {@code a/b/C}), so the class being loaded is outlined from its own bytes. Returns the
     * previous value for {@link #leaveClassFile}.
     */
    public static Object classFile(String internalName, byte[] bytes) {
        Object previous = CLASS_FILE.get();
        CLASS_FILE.set(internalName == null || bytes == null ? null : new ClassFile(internalName.replace('/', '.'), bytes));
        return previous;
    }

    public static void leaveClassFile(Object previous) {
        CLASS_FILE.set((ClassFile) previous);
    }

    /**
     * Matches run with {@code loader} (null: the boot loader) as the loader of the types they
     * describe, so their hierarchies can be read and remembered. Returns the previous scope for {@link #leave}.
     */
    public static Object matchingIn(ClassLoader loader) {
        Object previous = LOADER.get();
        LOADER.set(loader == null ? BOOT : loader);
        return previous;
    }

    public static void leave(Object previous) {
        LOADER.set(previous);
    }

    // ---- matchers ----

    /** {@code hasSuperType(named(…))}: the type itself or any supertype has one of the names. */
    public static ElementMatcher.Junction<TypeDescription> named(String... names) {
        String[] wanted = names.clone();
        return matcher("hasSuperType(named" + Arrays.toString(wanted) + ")", h -> {
            for (String n : wanted) if (h.contains(n)) return true;
            return false;
        });
    }

    /** A class (not an interface) that is or extends or implements one of the named types. */
    public static ElementMatcher.Junction<TypeDescription> classNamed(String... names) {
        String[] wanted = names.clone();
        return matcher("isClass().and(hasSuperType(named" + Arrays.toString(wanted) + "))", h -> {
            if (h.isInterface) return false;
            for (String n : wanted) if (h.contains(n)) return true;
            return false;
        });
    }

    /** Not an interface (read from the class file's flags, not a full description). */
    public static ElementMatcher.Junction<TypeDescription> isClass() {
        return matcher("isClass()", h -> !h.isInterface);
    }

    /** Any interface in the hierarchy (the type itself, when it is one) whose name the predicate accepts. */
    public static ElementMatcher.Junction<TypeDescription> interfaceNamed(Predicate<String> accepts, String description) {
        return matcher(description, h -> {
            for (String n : h.interfaces) if (accepts.test(n)) return true;
            return false;
        });
    }

    /** {@code isAnnotatedWith(named(…))}: one of the annotations declared on the type itself. */
    public static ElementMatcher.Junction<TypeDescription> declaresAnnotation(String... names) {
        String[] wanted = names.clone();
        return matcher("isAnnotatedWith" + Arrays.toString(wanted), h -> {
            for (String n : wanted) if (indexOf(h.annotations, n) >= 0) return true;
            return false;
        });
    }

    /**
     * {@code isAnnotatedWith(named(…)).or(inheritsAnnotation(named(…)))}: declared on the type, or on a
     * superclass when the annotation is {@code @Inherited}.
     */
    public static ElementMatcher.Junction<TypeDescription> annotatedWith(String... names) {
        String[] wanted = names.clone();
        return matcher("annotatedWith" + Arrays.toString(wanted), h -> {
            for (String n : wanted) {
                if (indexOf(h.annotations, n) >= 0) return true;
                if (indexOf(h.superclassAnnotations, n) >= 0 && (h.inheritanceChecked || isInherited(n))) return true;
            }
            return false;
        });
    }

    private static ElementMatcher.Junction<TypeDescription> matcher(String description, Predicate<Hierarchy> test) {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return test.test(of(target));
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    // ---- the walk ----

    /** The hierarchy of {@code type} (never null; as much of it as can be resolved). */
    public static Hierarchy of(TypeDescription type) {
        Object scope = LOADER.get();
        if (scope == NO_SCOPE) return described(type, null, 0);
        String name = type.getName();
        Hierarchy known = TABLE.get(scope, name);
        if (known != null) return known;
        ClassFile current = CLASS_FILE.get();
        ClassOutline outline = null;
        try {
            outline = current != null && current.name.equals(name) ? ClassOutline.read(current.bytes) : read(scope, name);
        } catch (RuntimeException malformed) {
            outline = null;
        }
        return outline != null ? outlined(outline, scope, 0) : described(type, scope, 0);
    }

    /** A supertype by name, in the scope's loader; null when its class file cannot be read. */
    private static Hierarchy byName(String name, Object scope, int depth) {
        Hierarchy known = TABLE.get(scope, name);
        if (known != null) return known;
        ClassOutline outline;
        try {
            outline = read(scope, name);
        } catch (RuntimeException malformed) {
            return null;
        }
        return outline == null ? null : outlined(outline, scope, depth);
    }

    private static Hierarchy outlined(ClassOutline o, Object scope, int depth) {
        if (depth > MAX_DEPTH) return null;
        Set<String> classes = new LinkedHashSet<>();
        Set<String> interfaces = new LinkedHashSet<>();
        Set<String> superAnnotations = new LinkedHashSet<>();
        (o.isInterface ? interfaces : classes).add(o.name);
        boolean complete = true;
        if (o.superName != null && !o.isInterface) {
            Hierarchy parent = byName(o.superName, scope, depth + 1);
            if (parent == null) {
                classes.add(o.superName);
                complete = false;
            } else {
                addAll(classes, parent.classes);
                addAll(interfaces, parent.interfaces);
                addAll(superAnnotations, parent.annotations);
                addAll(superAnnotations, parent.superclassAnnotations);
                complete &= parent.complete;
            }
        }
        for (String i : o.interfaces) {
            Hierarchy parent = byName(i, scope, depth + 1);
            if (parent == null) {
                interfaces.add(i);
                complete = false;
            } else {
                addAll(interfaces, parent.interfaces);
                complete &= parent.complete;
            }
        }
        Hierarchy h = new Hierarchy(o.isInterface, classes.toArray(NONE), interfaces.toArray(NONE), o.annotations,
                superAnnotations.toArray(NONE), false, complete);
        if (complete) TABLE.put(scope, o.name, h);
        return h;
    }

    /** The same walk through ByteBuddy's description: no scope, or a class file that could not be read. */
    private static Hierarchy described(TypeDefinition type, Object scope, int depth) {
        TypeDescription erasure = type.asErasure();
        String name = erasure.getName();
        if (scope != null) {
            Hierarchy known = TABLE.get(scope, name);
            if (known != null) return known;
        }
        if (depth > MAX_DEPTH) throw new IllegalStateException("hierarchy deeper than " + MAX_DEPTH + " at " + name);
        boolean isInterface;
        String[] annotations;
        try {
            isInterface = erasure.isInterface();
            annotations = annotationNames(erasure);
        } catch (RuntimeException unresolvable) {
            return new Hierarchy(false, new String[] {name}, NONE, NONE, NONE, true, false); // may resolve later
        }
        Set<String> classes = new LinkedHashSet<>();
        Set<String> interfaces = new LinkedHashSet<>();
        Set<String> superAnnotations = new LinkedHashSet<>();
        (isInterface ? interfaces : classes).add(name);
        boolean complete = true;
        boolean checked = true;
        try {
            TypeDescription.Generic superClass = erasure.getSuperClass();
            if (superClass != null) {
                Hierarchy parent = described(superClass, scope, depth + 1);
                addAll(classes, parent.classes);
                addAll(interfaces, parent.interfaces);
                for (AnnotationDescription a : superClass.asErasure().getDeclaredAnnotations()) {
                    if (a.getAnnotationType().getDeclaredAnnotations().isAnnotationPresent(Inherited.class)) {
                        superAnnotations.add(a.getAnnotationType().getName());
                    }
                }
                addAll(superAnnotations, parent.superclassAnnotations);
                checked = parent.inheritanceChecked;
                complete = parent.complete;
            }
        } catch (RuntimeException unresolvable) {
            complete = false;
        }
        try {
            for (TypeDescription.Generic i : erasure.getInterfaces()) {
                try {
                    Hierarchy parent = described(i, scope, depth + 1);
                    addAll(interfaces, parent.interfaces);
                    complete &= parent.complete;
                } catch (RuntimeException unresolvable) {
                    complete = false;
                }
            }
        } catch (RuntimeException unresolvable) {
            complete = false;
        }
        Hierarchy h = new Hierarchy(isInterface, classes.toArray(NONE), interfaces.toArray(NONE), annotations,
                superAnnotations.toArray(NONE), checked, complete);
        if (scope != null && complete) TABLE.put(scope, name, h);
        return h;
    }

    private static String[] annotationNames(TypeDescription type) {
        String[] out = new String[type.getDeclaredAnnotations().size()];
        int i = 0;
        for (AnnotationDescription a : type.getDeclaredAnnotations()) out[i++] = a.getAnnotationType().getName();
        return out;
    }

    /** Whether the annotation type carries {@code @Inherited} (unknown: treated as not). */
    private static boolean isInherited(String annotation) {
        Object scope = LOADER.get();
        if (scope == NO_SCOPE) return false;
        Hierarchy h = byName(annotation, scope, 0);
        return h != null && indexOf(h.annotations, INHERITED) >= 0;
    }

    private static ClassOutline read(Object scope, String name) {
        ClassLoader loader = scope == BOOT ? null : (ClassLoader) scope;
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? null : ClassOutline.read(in.readAllBytes());
        } catch (Exception unreadable) {
            return null;
        }
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    private static void addAll(Set<String> into, String[] names) {
        for (String n : names) into.add(n);
    }

    /** Test hook: hierarchies remembered now. */
    static int remembered() {
        return TABLE.size();
    }

    static void forgetAll() {
        TABLE.clear();
    }

    /** The LRU table; keys hold their loader weakly so a discarded loader is never kept alive here. */
    private static final class Table {
        private final Map<Key, Hierarchy> map;

        Table(int max) {
            this.map = new LinkedHashMap<Key, Hierarchy>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Hierarchy> eldest) {
                    return size() > max;
                }
            };
        }

        synchronized Hierarchy get(Object loader, String name) {
            return map.get(new Key(loader, name, false));
        }

        synchronized void put(Object loader, String name, Hierarchy h) {
            map.put(new Key(loader, name, true), h);
        }

        synchronized int size() {
            return map.size();
        }

        synchronized void clear() {
            map.clear();
        }
    }

    private static final class Key {
        private final Object loader; // the loader itself for a lookup; a WeakReference once stored
        private final String name;
        private final int hash;

        Key(Object loader, String name, boolean stored) {
            this.loader = stored ? new WeakReference<>(loader) : loader;
            this.name = name;
            this.hash = 31 * System.identityHashCode(loader) + name.hashCode();
        }

        private Object loader() {
            return loader instanceof WeakReference ? ((WeakReference<?>) loader).get() : loader;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) return false;
            Key k = (Key) o;
            Object mine = loader();
            return hash == k.hash && mine != null && mine == k.loader() && name.equals(k.name);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
