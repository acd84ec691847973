package io.roomtone.platform.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The network a request comes from, as per-network rate limits count it: the address the servlet
 * container reports (behind a trusted proxy, Tomcat's RemoteIpValve has already taken it from
 * {@code X-Forwarded-For}; a raw header is never read here). An IPv6 client usually owns a whole
 * /64 and can rotate through it, so IPv6 addresses count by their /64 prefix.
 */
final class ClientNetwork {

    private static final int MAX_LENGTH = 64;

    private ClientNetwork() {}

    static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        String address = remoteAddress.strip();
        // only a literal with a colon is parsed: InetAddress would resolve a host name through DNS
        if (address.indexOf(':') >= 0) {
            int zone = address.indexOf('%');
            String literal = zone < 0 ? address : address.substring(0, zone);
            try {
                InetAddress parsed = InetAddress.getByName(literal);
                if (parsed instanceof Inet6Address) {
                    byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
                    Arrays.fill(prefix, 8, 16, (byte) 0);
                    return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
                }
                return parsed.getHostAddress(); // an IPv4-mapped address
            } catch (UnknownHostException e) {
                // not an address after all: count the text itself, like any other odd value
            }
        }
        return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
    }
}
