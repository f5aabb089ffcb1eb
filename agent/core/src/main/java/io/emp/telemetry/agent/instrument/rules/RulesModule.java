package io.emp.telemetry.agent.instrument.rules;

import io.emp.telemetry.agent.instrument.AgentRuntime;
import io.emp.telemetry.agent.instrument.CallSiteAdvice;
import io.emp.telemetry.agent.instrument.CallSites;
import io.emp.telemetry.agent.instrument.LazyAdvice;
import io.emp.telemetry.agent.instrument.InstrumentationModule;
import io.emp.telemetry.agent.instrument.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import io.emp.telemetry.agent.rules.InstrumentationRule;
import io.emp.telemetry.agent.rules.match.SuperTypes;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

import java.util.ArrayList;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * The YAML rules (built-in and {@code EMP_RULES}): one {@link TypeInstrumentation} per rule, its
 * call site index baked into the generic advice. Rules are loaded by {@code AgentInstaller};
 * this module only wires them.
 */
public final class RulesModule extends InstrumentationModule {
    private final List<InstrumentationRule> rules;

    public RulesModule(List<InstrumentationRule> rules) {
        super("rules", true);
        this.rules = rules;
    }

    @Override
    public ElementMatcher<TypeDescription> jdkTypes() {
        ElementMatcher.Junction<TypeDescription> named = ElementMatchers.none();
        for (InstrumentationRule rule : rules) {
            if (rule.namesJdkType()) named = named.or(rule.typeMatcher());
        }
        return named;
    }

    @Override
    public boolean instrumentsJdkTypes() {
        for (InstrumentationRule rule : rules) {
            if (rule.namesJdkType()) return true;
        }
        return false;
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
        List<TypeInstrumentation> out = new ArrayList<>();
        for (InstrumentationRule rule : rules) {
            int site = runtime.callSites().register("rule:" + rule.id(), new RuleHandler(rule, runtime));
            LazyAdvice advice = CallSites.lazyAdvice(CallSiteAdvice.class, site);
            // bridge methods would double every event of a generic override
            ElementMatcher<MethodDescription> methods = isMethod().and(not(isBridge())).and(rule.methodMatcher());
            out.add(TypeInstrumentation.of(
                    new ElementMatcher.Junction.Conjunction<TypeDescription>(rule.typeMatcher(), SuperTypes.isClass()),
                    methods, advice));
        }
        return out;
    }
}
