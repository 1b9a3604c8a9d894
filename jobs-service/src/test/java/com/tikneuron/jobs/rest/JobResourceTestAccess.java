package com.tikneuron.jobs.rest;

import io.restassured.path.json.JsonPath;

/** The job helpers of JobResourceTest, for tests in other packages. */
public final class JobResourceTestAccess {

    private JobResourceTestAccess() {
    }

    public static long newVideo() {
        return JobResourceTest.newVideo();
    }

    public static String submit(String account, String body) {
        return JobResourceTest.submit(account, body);
    }

    public static JsonPath awaitFinal(String account, String id) {
        return JobResourceTest.awaitFinal(account, id);
    }
}
