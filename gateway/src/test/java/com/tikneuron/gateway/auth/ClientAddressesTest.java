package com.tikneuron.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** IPv4 addresses are counted one by one, IPv6 addresses by their /64 network. */
class ClientAddressesTest {

    @Test
    void ipv4AddressesAreCountedAsTheyAre() {
        assertEquals("203.0.113.7", ClientAddresses.limitKey("203.0.113.7"));
        assertNotEquals(ClientAddresses.limitKey("203.0.113.7"), ClientAddresses.limitKey("203.0.113.8"));
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareOneKey() {
        String first = ClientAddresses.limitKey("2001:db8:1:2::1");
        assertEquals("2001:db8:1:2::/64", first);
        assertEquals(first, ClientAddresses.limitKey("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assertEquals(first, ClientAddresses.limitKey("2001:0DB8:0001:0002:abcd:0:0:1"));
        assertEquals(first, ClientAddresses.limitKey("[2001:db8:1:2::99]"));
        assertEquals(first, ClientAddresses.limitKey("2001:db8:1:2::5%eth0"));
    }

    @Test
    void neighbouringSlash64sAreCountedApart() {
        assertNotEquals(ClientAddresses.limitKey("2001:db8:1:2::1"), ClientAddresses.limitKey("2001:db8:1:3::1"));
        assertEquals("2001:db8:0:0::/64", ClientAddresses.limitKey("2001:db8::1"));
        assertEquals("0:0:0:0::/64", ClientAddresses.limitKey("::1"));
    }

    @Test
    void ipv4MappedIpv6AddressesCountAsTheirIpv4Address() {
        assertEquals("198.51.100.4", ClientAddresses.limitKey("::ffff:198.51.100.4"));
        assertNotEquals(ClientAddresses.limitKey("::ffff:198.51.100.4"), ClientAddresses.limitKey("::ffff:198.51.100.5"));
    }

    @Test
    void whatIsNotAnAddressLiteralStaysAsGiven() {
        assertEquals("unknown", ClientAddresses.limitKey("unknown"));
        assertEquals("not:an:address:g", ClientAddresses.limitKey("not:an:address:g"));
        assertEquals("1:2:3", ClientAddresses.limitKey("1:2:3"));
    }
}
