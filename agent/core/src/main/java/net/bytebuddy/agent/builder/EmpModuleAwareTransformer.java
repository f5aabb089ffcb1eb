package net.bytebuddy.agent.builder;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

import java.security.ProtectionDomain;
import java.util.List;

/**
 * ByteBuddy's transformer with Java 9's module-aware {@code transform}, compiled ahead of time:
 * exactly the subclass ByteBuddy otherwise generates at run time in {@code installOn} (see
 * {@link PrecompiledTransformerFactory}). The module is what
 * lets ByteBuddy give a class in a named module (a JDK class such as the HTTP server's) a read
 * edge to the agent's bridge.
 */
public final class EmpModuleAwareTransformer extends AgentBuilder.Default.ExecutingTransformer {
    @SuppressWarnings("rawtypes")
    public EmpModuleAwareTransformer(ByteBuddy byteBuddy,
                                     AgentBuilder.Listener listener,
                                     AgentBuilder.PoolStrategy poolStrategy,
                                     AgentBuilder.TypeStrategy typeStrategy,
                                     AgentBuilder.LocationStrategy locationStrategy,
                                     ClassFileLocator classFileLocator,
                                     AgentBuilder.Default.NativeMethodStrategy nativeMethodStrategy,
                                     AgentBuilder.InitializationStrategy initializationStrategy,
                                     AgentBuilder.InjectionStrategy injectionStrategy,
                                     AgentBuilder.LambdaInstrumentationStrategy lambdaInstrumentationStrategy,
                                     AgentBuilder.DescriptionStrategy descriptionStrategy,
                                     AgentBuilder.FallbackStrategy fallbackStrategy,
                                     AgentBuilder.ClassFileBufferStrategy classFileBufferStrategy,
                                     AgentBuilder.InstallationListener installationListener,
                                     AgentBuilder.RawMatcher ignoreMatcher,
                                     AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer resubmissionEnforcer,
                                     List transformations,
                                     AgentBuilder.CircularityLock circularityLock) {
        super(byteBuddy, listener, poolStrategy, typeStrategy, locationStrategy, classFileLocator, nativeMethodStrategy,
                initializationStrategy, injectionStrategy, lambdaInstrumentationStrategy, descriptionStrategy,
                fallbackStrategy, classFileBufferStrategy, installationListener, ignoreMatcher, resubmissionEnforcer,
                transformations, circularityLock);
    }

    @Override
    public byte[] transform(Module module, ClassLoader classLoader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        return transform((Object) module, classLoader, internalName, classBeingRedefined, protectionDomain, classFile);
    }
}
