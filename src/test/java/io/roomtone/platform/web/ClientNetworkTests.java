package io.roomtone.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworkTests {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(ClientNetwork.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertThat(ClientNetwork.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ClientNetwork.of("2001:db8:1:2::1"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientNetwork.of("2001:db8:1:3::1")).isNotEqualTo(ClientNetwork.of("2001:db8:1:2::1"));
        assertThat(ClientNetwork.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
    }

    @Test
    void ipv4MappedAddressesCountAsIpv4() {
        assertThat(ClientNetwork.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void oddValuesAreCountedAsTextAndNeverResolved() {
        assertThat(ClientNetwork.of("proxy.example.com")).isEqualTo("proxy.example.com");
        assertThat(ClientNetwork.of("not:an:address")).isEqualTo("not:an:address");
        assertThat(ClientNetwork.of(null)).isEqualTo("unknown");
        assertThat(ClientNetwork.of("x".repeat(500))).hasSize(64);
    }
}
