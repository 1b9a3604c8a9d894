package com.tikneuron.portal.web;

/** A page that needs a signed-in user was asked for without a live session. */
public class LoginRequired extends RuntimeException {

    public LoginRequired() {
        super("log-in required", null, false, false);
    }
}
