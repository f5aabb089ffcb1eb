package net.bytebuddy.agent.builder;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

import java.security.PrivilegedAction;
import java.util.List;

/**
 * In the agent jar this class <em>is</em> ByteBuddy's
 * {@code AgentBuilder$Default$ExecutingTransformer$Factory$CreationAction}: the shade plugin
 * renames it so (a relocation in {@code agent/dist/pom.xml}) and leaves ByteBuddy's own out (a
 * filter). ByteBuddy's version runs when its transformer
 * class initialises, in {@code installOn}: it generates, with ByteBuddy, a subclass of
 * {@code ExecutingTransformer} that overrides Java 9's {@code transform(Module, …)}, which loads
 * ByteBuddy's whole subclassing machinery and was the largest single step of the agent's
 * {@code premain} (about a quarter). This one returns the same factory over
 * {@link EmpModuleAwareTransformer}, the same subclass compiled ahead of time.
 * <p>
 * Tied to ByteBuddy's internals: when ByteBuddy changes them this stops compiling, and
 * {@code AgentStartupTest} fails if ByteBuddy generates its subclass again.
 */
public final class PrecompiledTransformerFactory
        implements PrivilegedAction<AgentBuilder.Default.ExecutingTransformer.Factory> {
    /** What ByteBuddy's enum constant was: its transformer class reads this field. */
    public static final PrecompiledTransformerFactory INSTANCE = new PrecompiledTransformerFactory();

    private PrecompiledTransformerFactory() {
    }

    @Override
    public AgentBuilder.Default.ExecutingTransformer.Factory run() {
        try {
            return new AgentBuilder.Default.ExecutingTransformer.Factory.ForJava9CapableVm(
                    EmpModuleAwareTransformer.class.getConstructor(ByteBuddy.class,
                            AgentBuilder.Listener.class,
                            AgentBuilder.PoolStrategy.class,
                            AgentBuilder.TypeStrategy.class,
                            AgentBuilder.LocationStrategy.class,
                            ClassFileLocator.class,
                            AgentBuilder.Default.NativeMethodStrategy.class,
                            AgentBuilder.InitializationStrategy.class,
                            AgentBuilder.InjectionStrategy.class,
                            AgentBuilder.LambdaInstrumentationStrategy.class,
                            AgentBuilder.DescriptionStrategy.class,
                            AgentBuilder.FallbackStrategy.class,
                            AgentBuilder.ClassFileBufferStrategy.class,
                            AgentBuilder.InstallationListener.class,
                            AgentBuilder.RawMatcher.class,
                            AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer.class,
                            List.class,
                            AgentBuilder.CircularityLock.class));
        } catch (NoSuchMethodException e) {
            // as ByteBuddy's own action does when it cannot make its subclass
            return AgentBuilder.Default.ExecutingTransformer.Factory.ForLegacyVm.INSTANCE;
        }
    }
}
