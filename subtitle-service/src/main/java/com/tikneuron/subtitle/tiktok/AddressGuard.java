package com.tikneuron.subtitle.tiktok;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Decides whether an address is a public unicast one we may connect to on a caller's behalf. */
public final class AddressGuard {

    private AddressGuard() {
    }

    /** False for private, loopback, link-local, multicast, unspecified, carrier-grade NAT, ULA and IPv4-mapped addresses. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            if ((first & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return false; // deprecated site-local fec0::/10
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms could smuggle any IPv4 target.
            if (zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                return false;
            }
            // 64:ff9b::/96 NAT64 and 2002::/16 6to4 embed IPv4 addresses too.
            if ((first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b)
                    || (first == 0x20 && (b[1] & 0xff) == 0x02)) {
                return false;
            }
            return true;
        }
        return false;
    }
}
