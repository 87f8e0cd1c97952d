package dev.stockalerts.testing;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON in and out of a handler the way the Lambda Java runtime does it: its own serializers (with the event
 * mixins for AWS's event classes, plain Jackson for anything else), at the version the runtime interface client runs.
 */
public final class RuntimeSerialization {
    private RuntimeSerialization() {}

    /** What the runtime hands a handler declared to take {@code type}, for this JSON. */
    public static <T> T read(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    /** What the runtime sends back for a handler's answer. */
    public static <T> String write(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An object as it arrives after a trip through the wire: written and read back by the runtime's serializer. */
    public static <T> T overTheWire(T value, Class<T> type) {
        return read(write(value, type), type);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, RuntimeSerialization.class.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }
}
