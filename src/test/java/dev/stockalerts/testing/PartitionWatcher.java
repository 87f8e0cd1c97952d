package dev.stockalerts.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Records, per DynamoDB operation, the partition keys a client's requests name: which partitions a container touches. */
public final class PartitionWatcher implements ExecutionInterceptor {
    private final Map<String, Set<String>> partitions = new ConcurrentHashMap<>();

    /** Operation name (Query, GetItem, BatchWriteItem, ...) → partition keys its requests named, so far. */
    public Map<String, Set<String>> partitions() {
        return new TreeMap<>(partitions);
    }

    /** Every partition key any request named. */
    public Set<String> all() {
        Set<String> all = new TreeSet<>();
        partitions.values().forEach(all::addAll);
        return all;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        Stream<Map<String, AttributeValue>> keys = Stream.empty();
        if (request instanceof QueryRequest q) keys = Stream.of(Map.of("pk", q.expressionAttributeValues().get(":pk")));
        else if (request instanceof GetItemRequest g) keys = Stream.of(g.key());
        else if (request instanceof PutItemRequest p) keys = Stream.of(p.item());
        else if (request instanceof DeleteItemRequest d) keys = Stream.of(d.key());
        else if (request instanceof UpdateItemRequest u) keys = Stream.of(u.key());
        else if (request instanceof BatchWriteItemRequest b) {
            keys = b.requestItems().values().stream().flatMap(l -> l.stream())
                    .map(w -> w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key());
        } else if (request instanceof TransactWriteItemsRequest t) {
            keys = t.transactItems().stream().map(PartitionWatcher::key);
        }
        String operation = request.getClass().getSimpleName().replace("Request", "");
        keys.forEach(k -> partitions.computeIfAbsent(operation, o -> ConcurrentHashMap.newKeySet()).add(k.get("pk").s()));
    }

    private static Map<String, AttributeValue> key(TransactWriteItem item) {
        if (item.put() != null) return item.put().item();
        if (item.update() != null) return item.update().key();
        if (item.delete() != null) return item.delete().key();
        return item.conditionCheck().key();
    }
}
