package io.emp.telemetry.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Which types to transform, and which advice goes on which of their methods. */
public interface TypeInstrumentation {
    ElementMatcher<TypeDescription> typeMatcher();

    void transform(TypeTransformer transformer);
}
