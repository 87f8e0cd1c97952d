package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.stockalerts.api.Router;
import dev.stockalerts.wiring.ApiPriming;
import dev.stockalerts.wiring.App;
import org.crac.Core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * API Gateway (REST, proxy integration) → the stock API's router. The router and its caches live as long as the
 * container. The runtime hands over the event's bytes ({@link ApiGatewayProxy} reads and answers them).
 */
public final class StockApiFunction implements RequestStreamHandler {
    /** Kept from the invocation's remaining time for answering after the last retry gives up. */
    static final Duration MARGIN = Duration.ofMillis(500);

    private final Router router;
    /** Held by the handler (which the runtime holds) because org.crac keeps registered resources only weakly. */
    private final ApiPriming priming;

    /** Used by the Lambda runtime, once per container: components from the environment, primed before a SnapStart snapshot. */
    public StockApiFunction() {
        this(App.fromEnvironment(App.API_SECRETS));
        Core.getGlobalContext().register(priming);
    }

    public StockApiFunction(App app) {
        this.router = app.api();
        this.priming = new ApiPriming(StockApiFunction::new, app.log());
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        response.write(ApiGatewayProxy.response(router.handle(ApiGatewayProxy.request(event, LambdaDeadline.of(context, MARGIN)))));
    }
}
