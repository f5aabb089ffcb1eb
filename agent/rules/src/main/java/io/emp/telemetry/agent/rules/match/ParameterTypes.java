package io.emp.telemetry.agent.rules.match;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches parameter types position by position. An entry is a full type name, a simple name (no dot: compared to the
 * simple name too, so {@code Job} matches {@code com.acme.Job}) or a glob; {@code *} is any type.
 */
final class ParameterTypes extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
    private final List<Glob> positions = new ArrayList<>();
    private final List<Boolean> simpleNameToo = new ArrayList<>();
    private final boolean openEnded;
    private final String description;

    ParameterTypes(List<String> types) {
        boolean open = false;
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            if (MethodMatcherBuilder.ANY_FURTHER.equals(t) && i == types.size() - 1) {
                open = true;
                break;
            }
            positions.add(Glob.of(t));
            simpleNameToo.add(t.indexOf('.') < 0);
        }
        this.openEnded = open;
        this.description = "paramTypes" + types;
    }

    @Override
    public boolean matches(MethodDescription method) {
        try {
            TypeList params = method.getParameters().asTypeList().asErasures();
            if (openEnded ? params.size() < positions.size() : params.size() != positions.size()) {
                return false;
            }
            for (int i = 0; i < positions.size(); i++) {
                TypeDescription type = params.get(i);
                Glob p = positions.get(i);
                if (!p.matches(type.getName())
                        && !(simpleNameToo.get(i) && p.matches(type.getSimpleName()))) {
                    return false;
                }
            }
            return true;
        } catch (Throwable unresolvable) {
            return false;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
