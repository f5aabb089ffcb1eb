package io.emp.telemetry.agent.rules.path;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Decides from its bytecode whether an application's getter is a plain field read, so that a path may call it:
 * only {@code aload_0}, {@code getfield}, {@code checkcast}, constants, primitive conversions and a return — no
 * method call, no write, no static field, no branch, no lock ({@code synchronized} getters are refused). The class
 * file is read once from the class's own loader (the original bytes, before any instrumentation); a class without
 * a class file (generated, hidden) has no trivial getters.
 */
final class TrivialGetter {
    private static final int MAX_INSTRUCTIONS = 12;
    private static final int MAX_CLASS_BYTES = 4 * 1024 * 1024;

    private TrivialGetter() {
    }

    static boolean isTrivial(Method m) {
        int modifiers = m.getModifiers();
        if (Modifier.isSynchronized(modifiers) || Modifier.isNative(modifiers) || Modifier.isAbstract(modifiers)
                || Modifier.isStatic(modifiers) || m.getParameterCount() != 0) {
            return false;
        }
        byte[] bytes = classFile(m.getDeclaringClass());
        if (bytes == null) {
            return false;
        }
        try {
            Check check = new Check(m.getName(), Type.getMethodDescriptor(m));
            new ClassReader(bytes).accept(check, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return check.found && check.trivial;
        } catch (RuntimeException | LinkageError unreadable) {
            return false;
        }
    }

    private static byte[] classFile(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return null;
        }
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readNBytes(MAX_CLASS_BYTES + 1);
            return bytes.length > MAX_CLASS_BYTES ? null : bytes;
        } catch (Exception | LinkageError unreadable) {
            return null;
        }
    }

    /** Finds the method by name and descriptor and checks every instruction of its body. */
    private static final class Check extends ClassVisitor {
        private final String name;
        private final String descriptor;
        boolean found;
        boolean trivial = true;

        Check(String name, String descriptor) {
            super(Opcodes.ASM9);
            this.name = name;
            this.descriptor = descriptor;
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String desc, String signature,
                String[] exceptions) {
            if (!methodName.equals(name) || !desc.equals(descriptor) || (access & Opcodes.ACC_BRIDGE) != 0) {
                return null;
            }
            found = true;
            return new MethodVisitor(Opcodes.ASM9) {
                private int instructions;

                private void count(boolean allowed) {
                    if (!allowed || ++instructions > MAX_INSTRUCTIONS) {
                        trivial = false;
                    }
                }

                @Override
                public void visitVarInsn(int opcode, int var) {
                    count(opcode == Opcodes.ALOAD && var == 0);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                    count(opcode == Opcodes.GETFIELD);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    count(opcode == Opcodes.CHECKCAST);
                }

                @Override
                public void visitInsn(int opcode) {
                    boolean constant = opcode >= Opcodes.ACONST_NULL && opcode <= Opcodes.DCONST_1;
                    boolean conversion = opcode >= Opcodes.I2L && opcode <= Opcodes.I2S;
                    boolean returns = opcode >= Opcodes.IRETURN && opcode <= Opcodes.ARETURN;
                    count(constant || conversion || returns);
                }

                @Override
                public void visitIntInsn(int opcode, int operand) {
                    count(opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    count(!(value instanceof net.bytebuddy.jar.asm.ConstantDynamic));
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc,
                        boolean isInterface) {
                    count(false);
                }

                @Override
                public void visitInvokeDynamicInsn(String method, String desc, net.bytebuddy.jar.asm.Handle bsm,
                        Object... args) {
                    count(false);
                }

                @Override
                public void visitJumpInsn(int opcode, net.bytebuddy.jar.asm.Label label) {
                    count(false);
                }

                @Override
                public void visitIincInsn(int var, int increment) {
                    count(false);
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, net.bytebuddy.jar.asm.Label dflt,
                        net.bytebuddy.jar.asm.Label... labels) {
                    count(false);
                }

                @Override
                public void visitLookupSwitchInsn(net.bytebuddy.jar.asm.Label dflt, int[] keys,
                        net.bytebuddy.jar.asm.Label[] labels) {
                    count(false);
                }

                @Override
                public void visitMultiANewArrayInsn(String desc, int dims) {
                    count(false);
                }

                @Override
                public void visitTryCatchBlock(net.bytebuddy.jar.asm.Label start, net.bytebuddy.jar.asm.Label end,
                        net.bytebuddy.jar.asm.Label handler, String type) {
                    count(false);
                }
            };
        }
    }
}
