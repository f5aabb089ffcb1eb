package io.emp.telemetry.it.app;

import com.sun.tools.attach.VirtualMachine;

import java.util.Map;

/**
 * Loads and uses {@link OrderService} first, then attaches the agent to itself at run time
 * ({@code agentmain}), then uses it again: only the calls after the attach emit, which needs the
 * already loaded class to be retransformed. Arguments: agent jar, tag.
 * Needs {@code -Djdk.attach.allowAttachSelf=true}.
 */
public final class AttachApp {
    private AttachApp() {
    }

    public static void main(String[] args) throws Exception {
        String tag = args[1];
        OrderService orders = new OrderService();
        orders.placeOrder(job(tag, "before"));
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(args[0]);
        } finally {
            vm.detach();
        }
        orders.placeOrder(job(tag, "after"));
        System.out.println("ATTACH-APP-DONE");
    }

    private static Job job(String tag, String when) {
        return new Job("job-" + tag + "-" + when, "attach", Map.of("model", when), new Job.Owner("a", "k"));
    }
}
