package dev.stockalerts.testing.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.testing.SamTemplate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluator the IAM check relies on says no where IAM says no: on the real template, and on IAM's own rules. */
class RolePolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final String TABLE = "stock-alerts";
    private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE;
    private final DynamoIamRequests dynamo = new DynamoIamRequests("us-east-1", "123456789012");

    private static RolePolicy role(String function, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("TABLE_NAME", TABLE);
        return RolePolicy.of(TEMPLATE, function, all);
    }

    private List<IamRequest> requests(String operation, String body) throws Exception {
        return dynamo.of(operation, JSON.readTree(body.replace("'", "\"")));
    }

    private boolean allowed(RolePolicy role, String operation, String body) throws Exception {
        return requests(operation, body).stream().allMatch(role::allows);
    }

    @Test
    void aQueryIsAuthorizedByThePartitionItReads() throws Exception {
        List<IamRequest> query = requests("Query", "{'TableName':'t','KeyConditionExpression':'#p = :pk AND begins_with(sk, :s)',"
                + "'ExpressionAttributeNames':{'#p':'pk'},'ExpressionAttributeValues':{':pk':{'S':'HISTORY#a1'},':s':{'S':'1'}}}");
        assertEquals(List.of(new IamRequest("dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/t",
                Map.of(DynamoIamRequests.LEADING_KEYS, Set.of("HISTORY#a1")))), query);
    }

    @Test
    void eachTransactionItemIsItsOwnActionAndABatchIsOneRequestWithAllItsKeys() throws Exception {
        List<IamRequest> transaction = requests("TransactWriteItems", "{'TransactItems':["
                + "{'Put':{'TableName':'t','Item':{'pk':{'S':'ALERT'},'sk':{'S':'a1'}}}},"
                + "{'Update':{'TableName':'t','Key':{'pk':{'S':'CONFIG'},'sk':{'S':'global'}}}},"
                + "{'ConditionCheck':{'TableName':'t','Key':{'pk':{'S':'STATE'},'sk':{'S':'a1'}}}}]}");
        assertEquals(List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"),
                transaction.stream().map(IamRequest::action).toList());
        List<IamRequest> batch = requests("BatchWriteItem", "{'RequestItems':{'t':["
                + "{'DeleteRequest':{'Key':{'pk':{'S':'STATE'},'sk':{'S':'~ledger#1'}}}},"
                + "{'PutRequest':{'Item':{'pk':{'S':'HISTORY#a1'},'sk':{'S':'1'}}}}]}}");
        assertEquals(1, batch.size());
        assertEquals(Set.of("STATE", "HISTORY#a1"), batch.get(0).context().get(DynamoIamRequests.LEADING_KEYS));
    }

    @Test
    void theApiMayNotWriteStatesAndTheScheduledFunctionMayNotWriteDefinitions() throws Exception {
        RolePolicy api = role("StockApiFunction", Map.of());
        RolePolicy cron = role("AlertsCronFunction", Map.of());
        String putState = "{'TableName':'" + TABLE + "','Item':{'pk':{'S':'STATE'},'sk':{'S':'a1'}}}";
        String putAlert = "{'TableName':'" + TABLE + "','Item':{'pk':{'S':'ALERT'},'sk':{'S':'a1'}}}";
        assertFalse(allowed(api, "PutItem", putState));
        assertTrue(allowed(cron, "PutItem", putState));
        assertFalse(allowed(cron, "PutItem", putAlert));
        assertTrue(allowed(api, "PutItem", putAlert));
        assertFalse(allowed(api, "PutItem", putAlert.replace(TABLE, "another-table")), "only the stack's table");
        assertFalse(allowed(cron, "Scan", "{'TableName':'" + TABLE + "'}"), "no Scan granted");
    }

    @Test
    void aBatchIsDeniedWhenOneOfItsKeysFallsOutsideTheStatement() throws Exception {
        RolePolicy cron = role("AlertsCronFunction", Map.of());
        String batch = "{'RequestItems':{'" + TABLE + "':[{'PutRequest':{'Item':{'pk':{'S':'STATE'},'sk':{'S':'a1'}}}},"
                + "{'PutRequest':{'Item':{'pk':{'S':'%s'},'sk':{'S':'x'}}}}]}}";
        assertTrue(allowed(cron, "BatchWriteItem", batch.formatted("HISTORY#a1")));
        assertFalse(allowed(cron, "BatchWriteItem", batch.formatted("ALERT")));
    }

    @Test
    void conditionalStatementsFollowTheFunctionsConfiguration() {
        String arn = "arn:aws:ssm:us-east-1:123456789012:parameter/stock-alerts/finnhub";
        IamRequest read = new IamRequest("ssm:GetParameters", arn, Map.of());
        assertFalse(role("StockApiFunction", Map.of()).allows(read), "no parameter named: no grant");
        assertTrue(role("StockApiFunction", Map.of("FINNHUB_API_KEY_PARAMETER", "/stock-alerts/finnhub")).allows(read));
        assertFalse(role("StockApiFunction", Map.of("FINNHUB_API_KEY_PARAMETER", "/stock-alerts/other")).allows(read));
    }

    @Test
    void sharedThrottleKeysAreGrantedOnlyWhenTheyAreShared() throws Exception {
        String put = "{'TableName':'" + TABLE + "','Item':{'pk':{'S':'THROTTLE'},'sk':{'S':'yahoo-TIMEOUT'}}}";
        for (String function : List.of("StockApiFunction", "AlertsCronFunction")) {
            assertFalse(allowed(role(function, Map.of()), "PutItem", put), function + ": not shared by default");
            assertTrue(allowed(role(function, Map.of("THROTTLE_SHARED", "true")), "PutItem", put), function);
        }
    }

    @Test
    void iamsOwnRulesForMultiValuedConditionsAndWildcards() {
        assertTrue(RolePolicy.glob("STATE#*", "STATE#3"));
        assertFalse(RolePolicy.glob("STATE#*", "STATE"));
        assertTrue(RolePolicy.glob("dynamodb:*Item", "dynamodb:GetItem"));
        assertThrows(IllegalArgumentException.class, () -> dynamo.of("Query", JSON.readTree("{\"TableName\":\"t\"}")),
                "a request that cannot be read is not waved through");
    }
}
