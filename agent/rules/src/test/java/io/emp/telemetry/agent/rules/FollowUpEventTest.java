package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code then:}: a second event of the same phase, with its own condition, attributes and destination. */
class FollowUpEventTest {
    private static final String RULE = String.join("\n",
            "rules:",
            "  - id: t.order",
            "    type: {name: com.acme.Orders}",
            "    method: {name: place}",
            "    attributes:",
            "      shop: args[0]",
            "    emit:",
            "      return:",
            "        event: order.placed",
            "        attributes:",
            "          total: return.total",
            "        then:",
            "          event: order.paid",
            "          when: {path: return.state, equals: PAID}",
            "          attributes:",
            "            method: return.payment",
            "          then:",
            "            event: order.progress",
            "            channel: 'orders:{shop}'",
            "");

    @Test
    void followUpsAreChainedAndKeepTheRuleWideAttributes() {
        RuleSet set = RuleLoader.parse("t.yaml", RULE);
        assertEquals(Collections.emptyList(), set.problems());
        InstrumentationRule rule = set.rules().get(0);
        PhaseSpec placed = rule.phase(Phase.RETURN);
        PhaseSpec paid = placed.then();
        PhaseSpec progress = paid.then();
        assertNull(progress.then());
        assertEquals("order.paid", paid.event().eventType());
        assertEquals("orders:{shop}", progress.event().channelTemplate());

        Invocation call = new Invocation(null, new Object[] {"shop-1"});
        call.complete(Map.of("total", 12, "state", "PAID", "payment", "card"), null);
        assertTrue(rule.emits(Phase.RETURN, call));
        assertTrue(rule.emits(paid, call));
        assertEquals(Map.of("shop", "shop-1", "method", "card"), rule.attributes(paid, call),
                "its own attributes and the rule-wide ones, not the first event's");
        assertEquals(Map.of("shop", "shop-1", "total", 12), rule.attributes(Phase.RETURN, call));

        Invocation unpaid = new Invocation(null, new Object[] {"shop-1"});
        unpaid.complete(Map.of("total", 12, "state", "OPEN"), null);
        assertTrue(rule.emits(Phase.RETURN, unpaid));
        assertFalse(rule.emits(paid, unpaid), "each event has its own condition");
        assertTrue(rule.emits(progress, unpaid), "a follow-up's condition does not depend on the one before");
    }

    @Test
    void aFollowUpIsCheckedLikeAnyEvent() {
        RuleSet set = RuleLoader.parse("t.yaml", RULE.replace("event: order.paid", "event: paid")
                .replace("method: return.payment", "method: exception.message"));
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertEquals(13, set.problems().get(0).line(), set.problems().toString());
        assertTrue(set.problems().get(0).message().contains("emit.return.then.event"), set.problems().toString());
    }
}
