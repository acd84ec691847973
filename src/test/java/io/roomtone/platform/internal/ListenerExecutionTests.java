package io.roomtone.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event listeners run on their own few threads: a burst of events is worked off at most four at a
 * time, so that they cannot take every database connection from the requests.
 */
@RoomtoneTest
@Import(ListenerExecutionTests.SlowListener.class)
class ListenerExecutionTests {

    record Ping(int n) {}

    @TestConfiguration
    static class SlowListener {
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger most = new AtomicInteger();
        static final AtomicInteger done = new AtomicInteger();
        static final Set<String> threads = ConcurrentHashMap.newKeySet();

        @ApplicationModuleListener
        void on(Ping ping) throws InterruptedException {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
            Thread.sleep(100);
            running.decrementAndGet();
            done.incrementAndGet();
        }
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBurstOfEventsIsHandledAtMostFourAtATimeOnTheListenersOwnThreads() {
        Parallel.run(12, i -> transactions.executeWithoutResult(status -> events.publishEvent(new Ping(i))));

        await().atMost(Duration.ofSeconds(20)).until(() -> SlowListener.done.get() == 12);
        assertThat(SlowListener.most.get()).isBetween(2, 4);
        assertThat(SlowListener.threads).allSatisfy(name -> assertThat(name).startsWith("event-listener-"));
    }
}
