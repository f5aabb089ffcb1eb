package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.rules.match.SuperTypes;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * Wraps ByteBuddy's transformer so the class file the JVM hands over is known to {@link SuperTypes}
 * while ByteBuddy matches that class: hierarchy matchers then read the class's head from these bytes
 * instead of asking ByteBuddy to describe (fully parse) the class.
 */
final class ClassFileScope extends ResettableClassFileTransformer.WithDelegation {
    static final AgentBuilder.TransformerDecorator DECORATOR = ClassFileScope::new;

    private ClassFileScope(ResettableClassFileTransformer delegate) {
        super(delegate);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        Object previous = SuperTypes.classFile(internalName, classFile);
        try {
            return classFileTransformer.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
        } finally {
            SuperTypes.leaveClassFile(previous);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        Object previous = SuperTypes.classFile(internalName, classFile);
        try {
            return classFileTransformer.transform(module, loader, internalName, classBeingRedefined, protectionDomain,
                    classFile);
        } finally {
            SuperTypes.leaveClassFile(previous);
        }
    }
}
