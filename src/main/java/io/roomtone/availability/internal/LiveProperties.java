package io.roomtone.availability.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the live streams ({@code roomtone.live.*}).
 *
 * @param streams the most streams one node keeps open at once (each holds a connection)
 * @param streamsPerClient the most one client address keeps open: a browser opens one per page, and
 *     over HTTP/1.1 it allows six connections to a host in all
 * @param heartbeat how often an idle stream sends a comment, so that proxies keep it open and a
 *     client that went away is noticed
 * @param timeout how long a stream stays open; the browser then opens a new one by itself
 */
@ConfigurationProperties("roomtone.live")
public record LiveProperties(
        @DefaultValue("2000") int streams,
        @DefaultValue("8") int streamsPerClient,
        @DefaultValue("20s") Duration heartbeat,
        @DefaultValue("30m") Duration timeout) {}
