package dev.stockalerts.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.config.Secrets.Secret;
import dev.stockalerts.config.Secrets;
import dev.stockalerts.config.SettingsException;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;


import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a loopback server speaking SSM's JSON protocol (awsJson1_1: POST /, X-Amz-Target
 * AmazonSSM.GetParameters, JSON in and out), through the real SDK client.
 */
class SsmParameterStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINNHUB = "/stock-alerts/finnhub-api-key";
    private static final String TELEGRAM = "/stock-alerts/telegram-bot-token";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private SsmParameterStore store;

    @AfterEach
    void stop() {
        server.close();
    }

    private SsmParameterStore store(URI endpoint) {
        store = new SsmParameterStore(endpoint, "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
        return store;
    }

    private static String parameter(String name, String value) {
        return "{\"ARN\":\"arn:aws:ssm:eu-west-1:123456789012:parameter" + name + "\",\"DataType\":\"text\","
                + "\"LastModifiedDate\":1.764079200E9,\"Name\":\"" + name + "\",\"Type\":\"SecureString\","
                + "\"Value\":\"" + value + "\",\"Version\":3}";
    }

    private static Response found(String... parameters) {
        return Response.of(200, "{\"InvalidParameters\":[],\"Parameters\":[" + String.join(",", parameters) + "]}")
                .withHeader("Content-Type", "application/x-amz-json-1.1");
    }

    @Test
    void readsEveryNamedSecretDecryptedInOneGetParametersCall() throws Exception {
        server.routeAll(found(parameter(FINNHUB, "fh-key"), parameter(TELEGRAM, "123:tg-token")));
        Map<String, String> env = Map.of("TABLE_NAME", "t",
                "FINNHUB_API_KEY_PARAMETER", FINNHUB, "TELEGRAM_BOT_TOKEN_PARAMETER", TELEGRAM);

        Map<String, String> resolved = Secrets.resolve(env, Set.of(Secret.FINNHUB_API_KEY, Secret.TELEGRAM_BOT_TOKEN),
                store(server.baseUri()));

        assertEquals("fh-key", resolved.get("FINNHUB_API_KEY"));
        assertEquals("123:tg-token", resolved.get("TELEGRAM_BOT_TOKEN"));
        LoopbackHttpServer.Request r = server.onlyRequest();
        assertEquals("POST", r.method());
        assertEquals("AmazonSSM.GetParameters", r.header("X-Amz-Target"));
        assertTrue(r.header("Content-Type").startsWith("application/x-amz-json-1.1"), r.header("Content-Type"));
        assertTrue(r.header("Authorization").contains("/eu-west-1/ssm/aws4_request"), "SigV4 for ssm in the region");
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.get("WithDecryption").asBoolean(), "SecureStrings come back decrypted");
        assertEquals(Set.of(FINNHUB, TELEGRAM), Set.copyOf(JSON.convertValue(body.get("Names"), List.class)));
    }

    @Test
    void theApiReadsOnlyTheFinnhubKeyEvenWhenTheTelegramTokenIsNamed() throws Exception {
        server.routeAll(found(parameter(FINNHUB, "fh-key")));
        Map<String, String> resolved = Secrets.resolve(
                Map.of("FINNHUB_API_KEY_PARAMETER", FINNHUB, "TELEGRAM_BOT_TOKEN_PARAMETER", TELEGRAM),
                dev.stockalerts.wiring.App.API_SECRETS, store(server.baseUri()));

        assertEquals("fh-key", resolved.get("FINNHUB_API_KEY"));
        assertEquals(null, resolved.get("TELEGRAM_BOT_TOKEN"));
        assertEquals(List.of(FINNHUB), JSON.convertValue(JSON.readTree(server.onlyRequest().body()).get("Names"), List.class));
        assertFalse(dev.stockalerts.wiring.App.API_SECRETS.contains(Secret.ALERT_WEBHOOK_URL), "the API sends no alerts");
    }

    @Test
    void aParameterThatDoesNotExistFailsNamingTheVariableAndTheParameter() {
        server.routeAll(Response.of(200, "{\"InvalidParameters\":[\"" + FINNHUB + "\"],\"Parameters\":[]}")
                .withHeader("Content-Type", "application/x-amz-json-1.1"));
        SettingsException e = assertThrows(SettingsException.class, () -> Secrets.resolve(
                Map.of("FINNHUB_API_KEY_PARAMETER", FINNHUB), Set.of(Secret.FINNHUB_API_KEY), store(server.baseUri())));
        assertEquals("FINNHUB_API_KEY_PARAMETER names SSM parameter '" + FINNHUB + "', which does not exist or is empty",
                e.getMessage());
    }

    @Test
    void aDeniedReadFailsWithTheServicesReasonAndNoSecret() {
        server.routeAll(Response.of(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized "
                + "to perform: ssm:GetParameters on resource: arn:aws:ssm:eu-west-1:123456789012:parameter" + TELEGRAM + "\"}")
                .withHeader("Content-Type", "application/x-amz-json-1.1"));
        SettingsException e = assertThrows(SettingsException.class, () -> Secrets.resolve(
                Map.of("TELEGRAM_BOT_TOKEN_PARAMETER", TELEGRAM), Set.of(Secret.TELEGRAM_BOT_TOKEN), store(server.baseUri())));
        assertTrue(e.getMessage().startsWith("could not read SSM parameters [" + TELEGRAM + "]: "), e.getMessage());
        assertTrue(e.getMessage().contains("not authorized to perform: ssm:GetParameters"), e.getMessage());
    }

    @Test
    void anUnreachableEndpointFailsTheContainerStartWithAClearMessage() {
        SettingsException e = assertThrows(SettingsException.class, () -> Secrets.resolve(
                Map.of("FINNHUB_API_KEY_PARAMETER", FINNHUB), Set.of(Secret.FINNHUB_API_KEY),
                store(LoopbackHttpServer.closedPortUri())));
        assertTrue(e.getMessage().startsWith("could not read SSM parameters [" + FINNHUB + "]"), e.getMessage());
    }

    @Test
    void plainVariablesWinAndNeedNoCallSoLocalRunsNeedNoAws() {
        Map<String, String> env = Map.of("FINNHUB_API_KEY", "local-key", "FINNHUB_API_KEY_PARAMETER", FINNHUB,
                "TELEGRAM_BOT_TOKEN", "local-token");
        Map<String, String> resolved = Secrets.resolve(env, Set.of(Secret.FINNHUB_API_KEY, Secret.TELEGRAM_BOT_TOKEN),
                store(server.baseUri()));
        assertEquals("local-key", resolved.get("FINNHUB_API_KEY"));
        assertEquals("local-token", resolved.get("TELEGRAM_BOT_TOKEN"));
        assertEquals(List.of(), server.requests());
    }

    @Test
    void secretsNamedNowhereStayUnsetWithoutACall() {
        Map<String, String> env = Map.of("TABLE_NAME", "t", "FINNHUB_API_KEY_PARAMETER", " ");
        assertEquals(env, Secrets.resolve(env, Set.of(Secret.FINNHUB_API_KEY), store(server.baseUri())));
        assertEquals(List.of(), server.requests());
    }

    @Test
    void aMalformedParameterNameIsRefusedBeforeAnyCall() {
        SettingsException e = assertThrows(SettingsException.class, () -> Secrets.resolve(
                Map.of("FINNHUB_API_KEY_PARAMETER", "my key"), Set.of(Secret.FINNHUB_API_KEY), store(server.baseUri())));
        assertEquals("FINNHUB_API_KEY_PARAMETER must be an SSM parameter name such as /stock-alerts/finnhub-api-key, "
                + "got 'my key'", e.getMessage());
        assertEquals(List.of(), server.requests());
    }
}
