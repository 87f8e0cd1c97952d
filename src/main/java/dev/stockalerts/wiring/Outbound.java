package dev.stockalerts.wiring;

import dev.stockalerts.aws.LambdaCredentials;
import dev.stockalerts.config.Settings;
import dev.stockalerts.http.OutboundHttp;
import dev.stockalerts.notify.AdminNotifier;
import dev.stockalerts.notify.ConsoleChannel;
import dev.stockalerts.notify.NotificationChannel;
import dev.stockalerts.notify.Notifier;
import dev.stockalerts.notify.SnsChannel;
import dev.stockalerts.notify.TelegramChannel;
import dev.stockalerts.notify.WebhookChannel;
import dev.stockalerts.providers.FinnhubProvider;
import dev.stockalerts.providers.ProviderSettings;
import dev.stockalerts.providers.ProviderTraffic;
import dev.stockalerts.providers.QuoteProviders;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.throttle.SharedThrottleStore;
import dev.stockalerts.throttle.ThrottleCache;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The HTTP side of a container: quote providers with fallback, notification channels, admin notices. */
public record Outbound(QuoteService quotes, ProviderTraffic traffic, Notifier notifier, AdminNotifier admin) {

    /** @param deadlines the container's: admin notices are capped by the deadline of the work that raised them */
    public static Outbound fromSettings(Settings settings, Clock clock, DeadlineContext deadlines, SharedThrottleStore sharedThrottle,
                                        Consumer<String> log) {
        OutboundHttp http = QuoteProviders.http();
        OutboundHttp notifyHttp = Notifier.http();
        ThrottleCache throttle = new ThrottleCache(settings.throttleWindow(), clock,
                settings.throttleShared() ? sharedThrottle : SharedThrottleStore.NONE, log);
        AdminNotifier admin = new AdminNotifier(settings.adminWebhookUrl(), notifyHttp, settings.httpTimeout(), throttle, deadlines, clock, log);
        ProviderTraffic traffic = new ProviderTraffic(http, settings.quoteRequestsInFlight());
        List<QuoteProvider> providers = QuoteProviders.fromSettings(new ProviderSettings(
                providerOrder(settings, log), settings.yahooBaseUrl(), settings.finnhubBaseUrl(),
                settings.finnhubApiKey(), settings.stooqBaseUrl(), settings.httpTimeout(), settings.yahooSpark(),
                settings.yahooSparkBatch(), settings.quoteRequestsPerRun(), settings.finnhubCallsPerMinute()), traffic);
        QuoteService quotes = new QuoteService(providers, settings.quoteCacheTtl(), settings.unknownSymbolTtl(),
                clock, e -> admin.providerFailure(e.provider(), e.kind().name(), e.detail()));
        return new Outbound(quotes, traffic, new Notifier(channels(settings, notifyHttp, log)), admin);
    }

    /** Finnhub needs a key; without one it is left out of the chain rather than failing every call. */
    private static String providerOrder(Settings settings, Consumer<String> log) {
        List<String> names = Arrays.stream(settings.quoteProviders().split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).collect(Collectors.toCollection(ArrayList::new));
        if (settings.finnhubApiKey() == null && names.removeIf(n -> n.equalsIgnoreCase(FinnhubProvider.NAME))) {
            log.accept("[Quotes] FINNHUB_API_KEY is not set: finnhub left out of QUOTE_PROVIDERS");
        }
        return String.join(",", names);
    }

    /** Built on the first publish, once per container: building an SDK client costs cold-start time. */
    private static Supplier<SnsClient> lazySnsClient(Duration timeout) {
        return new Supplier<>() {
            private SnsClient client;

            @Override
            public synchronized SnsClient get() {
                if (client == null) {
                    // Each publish sets its own call timeout (capped by the run's deadline); this bounds its one attempt.
                    client = SnsChannel.clientBuilder(timeout).credentialsProvider(LambdaCredentials.provider()).build();
                }
                return client;
            }
        };
    }

    private static List<NotificationChannel> channels(Settings settings, OutboundHttp http, Consumer<String> log) {
        List<NotificationChannel> channels = new ArrayList<>();
        channels.add(new ConsoleChannel(log));
        if (settings.alertWebhookUrl() != null) {
            channels.add(new WebhookChannel(settings.alertWebhookUrl(), http, settings.httpTimeout()));
        }
        // The service's chat, or chats that make their own alerts (each alert then names its chat).
        if (settings.telegramBotToken() != null && !settings.telegramCommandChats().isEmpty()) {
            channels.add(new TelegramChannel(settings.telegramBaseUrl(), settings.telegramBotToken(),
                    settings.telegramChatId(), http, settings.httpTimeout()));
        }
        if (settings.alertTopicArn() != null) {
            channels.add(new SnsChannel(lazySnsClient(settings.httpTimeout()), settings.alertTopicArn(), settings.httpTimeout()));
        }
        return channels;
    }
}
