package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.stockalerts.api.ApiRequest;
import dev.stockalerts.api.ApiResponse;
import dev.stockalerts.api.Router;
import dev.stockalerts.time.Deadline;
import dev.stockalerts.wiring.ApiPriming;
import dev.stockalerts.wiring.App;
import org.crac.Core;

import java.time.Duration;

/** API Gateway (REST, proxy integration) → the stock API's router. The router and its caches live as long as the container. */
public final class StockApiFunction implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
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
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        ApiResponse response = router.handle(request(event, LambdaDeadline.of(context, MARGIN)));
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    private static ApiRequest request(APIGatewayProxyRequestEvent event, Deadline deadline) {
        var context = event.getRequestContext();
        return new ApiRequest(event.getHttpMethod(), event.getPath(), event.getResource(), event.getPathParameters(),
                event.getQueryStringParameters(), event.getHeaders(), event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded()),
                context == null ? null : context.getPath(), deadline);
    }
}
