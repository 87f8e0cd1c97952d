package dev.stockalerts.delivery;

import dev.stockalerts.time.Deadline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a run's notifications in parallel, a bounded number at a time, and stops waiting at the
 * deadline: 30 firings to a slow webhook take about one timeout, not thirty. An attempt still running
 * then is abandoned as unanswered; one that never started is reported as not attempted.
 */
final class Dispatcher implements AutoCloseable {
    /** One notification to one channel. */
    record Send(Notification notification, String channel) {}

    private final NotificationSender sender;
    private final ExecutorService pool;

    Dispatcher(NotificationSender sender, int parallelism) {
        this.sender = sender;
        // Threads are made on demand and let go when idle, as ProviderTraffic's: a container keeps one of these per
        // shard it has run (up to 64), and between runs it must hold no threads for them.
        ThreadPoolExecutor threads = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "delivery");
                    t.setDaemon(true); // a frozen or killed Lambda sandbox must not wait on these
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
        this.pool = threads;
    }

    /** One result per send, in order. */
    List<SendResult> sendAll(List<Send> sends, Deadline deadline) {
        List<AtomicBoolean> started = new ArrayList<>(sends.size());
        List<Future<SendResult>> running = new ArrayList<>(sends.size());
        for (Send send : sends) {
            AtomicBoolean began = new AtomicBoolean();
            started.add(began);
            running.add(pool.submit(() -> {
                if (deadline.expired()) return SendResult.notAttempted(send.channel());
                began.set(true);
                return sender.send(send.channel(), send.notification(), deadline);
            }));
        }
        List<SendResult> results = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) results.add(await(running.get(i), started.get(i), sends.get(i), deadline));
        return results;
    }

    private static SendResult await(Future<SendResult> result, AtomicBoolean started, Send send, Deadline deadline) {
        try {
            // A send is capped by the deadline itself: its own timer fires first and classifies it.
            return result.get(deadline.remaining().plus(Deadline.TIMER_GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            result.cancel(true);
            return started.get()
                    ? new SendResult(send.channel(), SendResult.Outcome.UNANSWERED, "abandoned at the run's deadline", null)
                    : SendResult.notAttempted(send.channel());
        } catch (ExecutionException e) {
            return new SendResult(send.channel(), SendResult.Outcome.UNANSWERED, "unexpected " + e.getCause(), null);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
