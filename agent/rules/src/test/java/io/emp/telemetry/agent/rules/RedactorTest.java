package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "userPassword", "PASSWORD_HASH", "clientSecret", "token", "accessToken",
        "Authorization", "http.request.header.authorization", "apiKey", "api_key", "X-Api-Key", "API-KEY", "cookie",
        "Set-Cookie"})
    void defaultsCatchCommonSecretNames(String name) {
        assertTrue(Redactor.defaults().isSensitive(name), name);
        assertEquals(Redactor.MASK, Redactor.defaults().redact(name, "value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobId", "model", "http.request.method", "status", "keyboard", "passage"})
    void ordinaryNamesPass(String name) {
        assertFalse(Redactor.defaults().isSensitive(name), name);
        assertEquals("value", Redactor.defaults().redact(name, "value"));
    }

    @Test
    void extraNamesAddToTheDefaults() {
        Redactor r = Redactor.withExtraNames(Arrays.asList("ssn", "Card_Number"));
        assertTrue(r.isSensitive("customerSSN"));
        assertTrue(r.isSensitive("cardNumber"));
        assertTrue(r.isSensitive("password"));
        assertFalse(Redactor.defaults().isSensitive("ssn"));
        assertFalse(r.isSensitive(null));
        assertNull(r.redact("ssn", null));
    }
}
