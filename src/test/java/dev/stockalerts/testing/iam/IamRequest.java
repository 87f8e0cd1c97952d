package dev.stockalerts.testing.iam;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One authorization IAM makes for a call: an action on a resource with its condition keys. A single API call may need
 * several (each item of a DynamoDB transaction is authorized as its own action).
 *
 * @param context condition keys with their values (multi-valued keys such as {@code dynamodb:LeadingKeys} as a set);
 *                a key that is absent from the request is absent from the map
 */
public record IamRequest(String action, String resource, Map<String, Set<String>> context) {
    public IamRequest {
        context = Map.copyOf(context);
    }

    @Override
    public String toString() {
        return action + " on " + resource + (context.isEmpty() ? "" : " " + new TreeMap<>(context));
    }
}
