package io.roomtone.platform.internal;

import java.util.concurrent.Executor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Where the asynchronous listeners of domain events run (every {@code @ApplicationModuleListener}:
 * mails, calendars, payments after commit): on a few threads of their own, the rest waiting in a
 * queue. On virtual threads every listener of every booking started at once and each took a
 * database connection; under load they emptied the pool and the bookings themselves waited 30 s
 * for a connection and failed. A queued event is safe: its publication stays in the registry until
 * its listener has run, and is delivered again after a restart.
 *
 * <p>Not a bean: an {@code Executor} bean would make Spring Boot back off from the application task
 * executor that web requests and the dispatcher use.
 */
@Configuration
class ListenerExecution implements AsyncConfigurer, DisposableBean {

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    ListenerExecution(@Value("${roomtone.events.listener-threads:4}") int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("roomtone.events.listener-threads must be between 1 and 64");
        }
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix("event-listener-");
        // a node that stops finishes what its listeners are doing, for a while; the rest is redelivered
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(20);
        executor.initialize();
    }

    @Override
    public Executor getAsyncExecutor() {
        return executor;
    }

    @Override
    public void destroy() {
        executor.destroy();
    }
}
