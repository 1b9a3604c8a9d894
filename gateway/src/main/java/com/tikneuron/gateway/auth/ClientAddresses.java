package com.tikneuron.gateway.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** The unit in which client addresses are limited: an IPv4 address, or the /64 network of an IPv6 address. */
public final class ClientAddresses {

    // One IPv6 subscriber usually holds a whole /64 and may send from any address in it.
    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddresses() {
    }

    /**
     * The key under which an address is counted: an IPv4 address as is (IPv4-mapped IPv6 too), an IPv6 address
     * as its /64 prefix ({@code 2001:db8:1:2::/64}); anything that is not an IP literal stays as given.
     */
    public static String limitKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        InetAddress parsed = ipv6Literal(address);
        if (parsed == null) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress();
        }
        byte[] bytes = parsed.getAddress();
        HexFormat hex = HexFormat.of();
        StringBuilder prefix = new StringBuilder(24);
        for (int i = 0; i < IPV6_NETWORK_BYTES; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    private static InetAddress ipv6Literal(String address) {
        String literal = address;
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int scope = literal.indexOf('%');
        if (scope >= 0) {
            literal = literal.substring(0, scope);
        }
        // Only hex digits, colons and dots: InetAddress then parses a literal and never asks DNS.
        if (literal.isEmpty() || !literal.chars().allMatch(c -> c == ':' || c == '.' || HexFormat.isHexDigit(c))) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
