package dev.stockalerts.http;

import dev.stockalerts.time.Deadline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every HTTP call the functions make to the outside world (quote providers, webhooks, Telegram, admin notices): one
 * exchange with a total timeout, body included, that never outlives the caller's deadline, a bounded body, and one
 * classification of what went wrong, saying whether the request may have reached the target.
 *
 * <p>Built on {@link HttpURLConnection}, which the SDK's DynamoDB client loads anyway: the JDK's {@code HttpClient}
 * would cost a cold start several hundred classes and its own selector thread. Blocking calls run on their callers'
 * threads (the providers' and the senders' pools give the parallelism); a watchdog closes a connection whose time is
 * up, which ends whatever read or write was blocked on it.
 */
public final class OutboundHttp implements AutoCloseable {
    /** What to read of an answer. */
    public enum Read {
        /** The whole body, up to the given cap: an answer cut off or too large is a failure. */
        WHOLE_BODY,
        /**
         * The status, and for an answer that is not 2xx the start of its body (what arrives in time, at most
         * {@link #SNIPPET_BYTES}): a 2xx is a delivery whatever its body does afterwards, so it is not waited for.
         */
        STATUS
    }

    /** Why an exchange produced no usable answer. */
    public enum Problem {
        /** The deadline had passed: nothing was sent. */
        NO_TIME(false),
        /** The connection was refused, or the host cannot be found or reached: nothing was sent. */
        UNREACHABLE(false),
        /** No connection within the time: nothing was sent. */
        CONNECT_TIMEOUT(false),
        /** Sent (or maybe sent), and no status line within the time: it may have arrived. */
        NO_ANSWER(true),
        /** The connection broke after the request went out, before a status line: it may have arrived. */
        BROKEN(true),
        /** A status line came, but the whole body did not within the time. */
        BODY_CUT_OFF(true),
        /** The body is larger than the caller's cap. */
        BODY_TOO_LARGE(true);

        private final boolean mayHaveArrived;

        Problem(boolean mayHaveArrived) {
            this.mayHaveArrived = mayHaveArrived;
        }

        /** Whether the target may have received the request (so sending it again could repeat it). */
        public boolean mayHaveArrived() {
            return mayHaveArrived;
        }

        /** Whether the time ran out (as opposed to a refusal or a broken connection). */
        public boolean timedOut() {
            return this == NO_TIME || this == CONNECT_TIMEOUT || this == NO_ANSWER || this == BODY_CUT_OFF;
        }
    }

    /** An exchange that failed; the message never names the URL (paths and queries may carry secrets). */
    public static final class Failed extends Exception {
        private final Problem problem;

        Failed(Problem problem, String message, Throwable cause) {
            super(message, cause);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** A status, the response headers (names lower-cased) and the body read as UTF-8 (empty when not read). */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    public static final int SNIPPET_BYTES = 2048;

    private final String userAgent;
    private final boolean followRedirects;
    /** One daemon thread that closes connections whose time is up; it lets itself go when idle. */
    private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "http-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param followRedirects whether a 3xx is followed (a quote provider moving a URL) or answered as it is (a POST
     *                        to a webhook that redirects is a misconfigured target, never a new one)
     */
    public OutboundHttp(String userAgent, boolean followRedirects) {
        this.userAgent = userAgent;
        this.followRedirects = followRedirects;
        watchdog.setRemoveOnCancelPolicy(true);
        watchdog.setKeepAliveTime(30, TimeUnit.SECONDS);
        watchdog.allowCoreThreadTimeOut(true);
    }

    public Response get(URI uri, Map<String, String> headers, int maxBodyBytes, Duration timeout, Deadline deadline) throws Failed {
        return exchange("GET", uri, headers, null, Read.WHOLE_BODY, maxBodyBytes, timeout, deadline);
    }

    /** POSTs {@code json}; reads the status (and, for a failure, the start of the body). */
    public Response postJson(URI uri, byte[] json, Duration timeout, Deadline deadline) throws Failed {
        return exchange("POST", uri, Map.of("Content-Type", "application/json", "Accept", "application/json"), json,
                Read.STATUS, SNIPPET_BYTES, timeout, deadline);
    }

    /**
     * One exchange, all of it within {@code timeout} and before {@code deadline}.
     *
     * @param body bytes to send (null: none)
     */
    public Response exchange(String method, URI uri, Map<String, String> headers, byte[] body, Read read, int maxBodyBytes,
                             Duration timeout, Deadline deadline) throws Failed {
        Duration budget = deadline.cap(timeout);
        if (budget.isZero()) throw new Failed(Problem.NO_TIME, "not sent: no time left before the deadline", null);
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        } catch (IOException | IllegalArgumentException e) {
            throw new Failed(Problem.UNREACHABLE, "not a URL this client can call: " + e.getClass().getSimpleName(), e);
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget.toMillis()));
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setInstanceFollowRedirects(followRedirects);
        connection.setUseCaches(false);
        connection.setRequestProperty("User-Agent", userAgent);
        headers.forEach(connection::setRequestProperty);
        AtomicBoolean outOfTime = new AtomicBoolean();
        ScheduledFuture<?> cutOff = watchdog.schedule(() -> {
            outOfTime.set(true);
            connection.disconnect();
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        try {
            try {
                connection.setRequestMethod(method);
                if (body != null) {
                    connection.setDoOutput(true);
                    connection.setFixedLengthStreamingMode(body.length);
                }
                connection.connect();
            } catch (IOException e) {
                throw connectFailure(e, outOfTime.get(), budget);
            }
            int status;
            try {
                if (body != null) {
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                status = connection.getResponseCode();
            } catch (IOException e) {
                if (outOfTime.get() || e instanceof SocketTimeoutException) {
                    throw new Failed(Problem.NO_ANSWER, "no answer within " + budget.toMillis() + " ms", e);
                }
                throw new Failed(Problem.BROKEN, "the connection broke before an answer: " + e, e);
            }
            Map<String, List<String>> responseHeaders = headers(connection);
            if (read == Read.STATUS && status / 100 == 2) {
                connection.disconnect(); // delivered: its body, however slow, is none of our business
                return new Response(status, responseHeaders, "");
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                readBody(connection, status, read == Read.STATUS ? SNIPPET_BYTES : maxBodyBytes, read == Read.WHOLE_BODY, received);
            } catch (IOException e) {
                // An error's body is for the message only: what arrived in time will do, the status is the answer.
                if (read == Read.WHOLE_BODY) {
                    if (e instanceof BodyTooLarge) throw new Failed(Problem.BODY_TOO_LARGE, e.getMessage(), e);
                    throw new Failed(Problem.BODY_CUT_OFF, "no complete answer within " + budget.toMillis() + " ms", e);
                }
            }
            return new Response(status, responseHeaders, received.toString(StandardCharsets.UTF_8));
        } finally {
            cutOff.cancel(false);
        }
    }

    private static Failed connectFailure(IOException e, boolean outOfTime, Duration budget) {
        if (outOfTime || e instanceof SocketTimeoutException) {
            return new Failed(Problem.CONNECT_TIMEOUT, "could not connect within " + budget.toMillis() + " ms", e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new Failed(Problem.UNREACHABLE, "could not connect: " + e.getMessage(), e);
        }
        return new Failed(Problem.UNREACHABLE, "could not connect: " + e, e);
    }

    private static Map<String, List<String>> headers(HttpURLConnection connection) {
        Map<String, List<String>> headers = new TreeMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
        });
        return headers;
    }

    /** Up to {@code cap} bytes into {@code bytes}; beyond it, a failure when the whole body was wanted, else what fits. */
    private static void readBody(HttpURLConnection connection, int status, int cap, boolean whole, ByteArrayOutputStream bytes)
            throws IOException {
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) return;
        try (InputStream in = stream) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (bytes.size() + n > cap) {
                    if (whole) throw new BodyTooLarge("response body over " + cap + " bytes");
                    bytes.write(buffer, 0, cap - bytes.size());
                    connection.disconnect();
                    break;
                }
                bytes.write(buffer, 0, n);
            }
        }
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
