package io.roomtone.support;

import io.roomtone.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/** Sends requests at the same moment, the way an attacker races a cap or a single-use token. */
public final class Parallel {

    private Parallel() {}

    /** Runs {@code request(i)} for i in 0..n-1 on n threads released together; the answers in order of i. */
    public static List<Response> send(int n, IntFunction<Response> request) {
        return call(n, request);
    }

    /** Runs {@code work(i)} for i in 0..n-1 on n threads released together (two nodes racing, say). */
    public static void run(int n, IntConsumer work) {
        call(n, i -> {
            work.accept(i);
            return i;
        });
    }

    /** Runs {@code work(i)} for i in 0..n-1 on n threads released together; the results in order of i. */
    public static <T> List<T> call(int n, IntFunction<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("A parallel call failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many of {@code answers} have {@code status}. */
    public static long count(List<Response> answers, int status) {
        return answers.stream().filter(r -> r.status() == status).count();
    }
}
