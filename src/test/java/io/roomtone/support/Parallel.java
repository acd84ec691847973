package io.roomtone.support;

import io.roomtone.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Sends requests at the same moment, the way an attacker races a cap or a single-use token. */
public final class Parallel {

    private Parallel() {}

    /** Runs {@code request(i)} for i in 0..n-1 on n threads released together; the answers in order of i. */
    public static List<Response> send(int n, IntFunction<Response> request) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("A parallel request failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many of {@code answers} have {@code status}. */
    public static long count(List<Response> answers, int status) {
        return answers.stream().filter(r -> r.status() == status).count();
    }
}
