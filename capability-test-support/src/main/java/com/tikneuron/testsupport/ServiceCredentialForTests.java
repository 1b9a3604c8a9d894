package com.tikneuron.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Makes every rest-assured call of a {@code @QuarkusTest} present the service credential of the test profile
 * ({@code %test.tikneuron.service-credential.current} in each service's application.properties), as the gateway
 * and the other services do. A test that checks the refusal calls {@link #withoutCredential} first; the next test
 * presents it again. Not a secret: it exists only in the test profile.
 */
public class ServiceCredentialForTests implements QuarkusTestBeforeEachCallback {

    /** Header name, as platform's ServiceCredentials names it. */
    public static final String HEADER = "X-Service-Credential";

    /** The test profile's credential. */
    public static final String VALUE = "test-profile-service-credential-not-a-secret";

    private static volatile boolean present = true;

    private static final Filter CREDENTIAL = (request, response, context) -> {
        if (present && !request.getHeaders().hasHeaderWithName(HEADER)) {
            request.header(HEADER, VALUE);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        present = true;
        if (!RestAssured.filters().contains(CREDENTIAL)) {
            RestAssured.filters(CREDENTIAL);
        }
    }

    /** Drops the credential for the rest of the current test. */
    public static void withoutCredential() {
        present = false;
    }
}
