package com.tikneuron.subtitle.tiktok;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses; replaceable so tests can make a TikTok host resolve anywhere. Blocking. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system resolver. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
