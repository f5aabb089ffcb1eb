package io.emp.telemetry.it.app;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/** Calls a JDK method a rule names (instrumented) and one no rule names (left alone). */
public final class JdkTypesApp {
    private JdkTypesApp() {
    }

    public static void main(String[] args) {
        String encoded = Base64.getEncoder().encodeToString("emp".getBytes(StandardCharsets.UTF_8));
        CRC32 crc = new CRC32();
        crc.update(1);
        System.out.println("encoded=" + encoded + " crc=" + crc.getValue());
        System.out.println("JDK-APP-DONE");
    }
}
