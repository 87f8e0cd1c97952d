package dev.stockalerts.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A webhook endpoint on loopback that keeps (and optionally prints) every JSON body POSTed to it. */
public final class WebhookReceiver extends LoopbackHttp {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final Consumer<String> onReceive;
    private volatile int respondWith = 204;

    public WebhookReceiver(Consumer<String> onReceive) {
        super(0);
        this.onReceive = onReceive;
        server.createContext("/", this::receive);
        server.start();
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** Answer every POST with this status: 500 simulates a webhook outage. */
    public void respondWith(int status) {
        respondWith = status;
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = respondWith;
        if (status < 300) {
            bodies.add(body);
            onReceive.accept(body);
        }
        respond(exchange, status, "text/plain", "");
    }
}
