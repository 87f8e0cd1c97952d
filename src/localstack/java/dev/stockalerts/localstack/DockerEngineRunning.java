package dev.stockalerts.localstack;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test class only where a Docker engine answers. It asks the engine ({@code docker info}), not
 * whether the CLI exists: a machine may have the CLI and no daemon. Conditions are evaluated before any
 * other extension's callbacks, so LocalStack's extension never tries to start a container here.
 */
public final class DockerEngineRunning implements ExecutionCondition {
    private static ConditionEvaluationResult result;

    @Override
    public synchronized ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (result == null) result = probe();
        return result;
    }

    private static ConditionEvaluationResult probe() {
        try {
            Process docker = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
                    .redirectErrorStream(true).start();
            if (!docker.waitFor(20, TimeUnit.SECONDS)) {
                docker.destroyForcibly();
                return ConditionEvaluationResult.disabled("no Docker engine: `docker info` did not answer in 20 s");
            }
            String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (docker.exitValue() != 0) {
                String reason = output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + docker.exitValue());
                return ConditionEvaluationResult.disabled("no Docker engine: `docker info` says: " + reason);
            }
            return ConditionEvaluationResult.enabled("Docker engine " + output);
        } catch (IOException e) {
            return ConditionEvaluationResult.disabled("no Docker: cannot run `docker` (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConditionEvaluationResult.disabled("interrupted while asking Docker");
        }
    }
}
