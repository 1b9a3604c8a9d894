package com.tikneuron.portal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Typed portal settings; defaults live in application.properties. */
@ConfigMapping(prefix = "tikneuron.portal")
public interface PortalConfig {

    /** The gateway the playground calls with the customer's key. */
    String gatewayUrl();

    /** The API's public address, as code samples show it. */
    String publicApiUrl();

    /** Longest a playground call may take. */
    Duration playgroundTimeout();

    /** A session ends after this long without a request. */
    Duration sessionIdleTimeout();

    /** A session ends this long after the log-in, whatever happens. */
    Duration sessionAbsoluteTimeout();

    /** The window failed log-ins are counted over. */
    Duration loginWindow();

    /** Failed log-ins for one email address within the window after which its log-ins are refused. */
    int maxFailuresPerAccount();

    /** Failed log-ins from one client address within the window after which its log-ins are refused. */
    int maxFailuresPerClient();

    /** HMAC key of CSRF tokens. */
    Optional<String> csrfKey();

    /** Host names on which cookies are sent without Secure (plain-HTTP development). */
    List<String> insecureCookieHosts();
}
