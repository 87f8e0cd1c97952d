package dev.stockalerts.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the pieces of a Lambda java runtime are on this machine: the RIC and its libraries (copied by pom.xml into
 * {@code target/lambda-runtime}), its JNI client for this platform, the JVM, and a function's task root.
 */
final class LambdaRuntimeFiles {
    static final Path RUNTIME_DIR = Path.of(System.getProperty("lambda.runtime.dir", "target/lambda-runtime")).toAbsolutePath();
    private static final Path TASK_ROOTS = Path.of("target/lambda-task").toAbsolutePath();

    private LambdaRuntimeFiles() {}

    /** The system classpath of Lambda's java runtime: the RIC, aws-lambda-java-core and -serialization. */
    static String runtimeClasspath() {
        Path lib = RUNTIME_DIR.resolve("lib");
        try (Stream<Path> jars = Files.list(lib)) {
            List<String> paths = jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
            if (paths.stream().noneMatch(p -> p.contains("aws-lambda-java-runtime-interface-client"))) throw missing();
            return String.join(java.io.File.pathSeparator, paths);
        } catch (IOException e) {
            throw missing();
        }
    }

    /** The RIC's native Runtime API client for this OS, architecture and C library. */
    static Path jniLibrary() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the RIC ships no JNI client for " + System.getProperty("os.arch"));
        };
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            musl = false;
        }
        Path so = RUNTIME_DIR.resolve("jni/libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + arch + ".so");
        if (!Files.isRegularFile(so)) throw missing();
        return so;
    }

    /** The test JVM's own java, or {@code -Dlambda.java.home=...} (e.g. a JDK 21, the version Lambda's java21 runs). */
    static Path java() {
        return Path.of(System.getProperty("lambda.java.home", System.getProperty("java.home")), "bin", "java");
    }

    /**
     * The function's code as it lies in Lambda's /var/task: a directory of classes is used as it is; a deployment
     * jar goes to {@code lib/} of a task root, as the Makefile ships it for {@code sam build} (the runtime loads
     * {@code lib/*.jar}). One copy per jar content: a rebuild that changed nothing reuses it, and the copy is what
     * runs even while {@code mvn package} rewrites the jar.
     */
    static synchronized Path taskRoot(Path code) {
        Path absolute = code.toAbsolutePath();
        if (Files.isDirectory(absolute)) return absolute;
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalStateException(absolute + " does not exist; tests that run the deployment jar are *IT tests, "
                    + "run after `mvn package`");
        }
        try {
            String name = absolute.getFileName().toString();
            Path root = TASK_ROOTS.resolve(name + "-" + sha256(absolute));
            if (Files.isRegularFile(root.resolve("lib").resolve(name))) return root;
            Files.createDirectories(TASK_ROOTS);
            Path staging = Files.createTempDirectory(TASK_ROOTS, "staging-");
            Files.createDirectories(staging.resolve("lib"));
            Files.copy(absolute, staging.resolve("lib").resolve(name));
            try {
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException raced) {
                deleteTree(staging); // another test JVM laid out the same jar first
            }
            deleteOlderVersions(name + "-", root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not lay out " + absolute, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies of earlier builds' jars are of no more use. */
    private static void deleteOlderVersions(String prefix, Path keep) {
        try (Stream<Path> roots = Files.list(TASK_ROOTS)) {
            for (Path old : roots.filter(p -> p.getFileName().toString().startsWith(prefix) && !p.equals(keep)).toList()) {
                deleteTree(old);
            }
        } catch (IOException | UncheckedIOException e) {
            // only disk space is at stake; the next new copy tries again
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static IllegalStateException missing() {
        return new IllegalStateException(String.format(Locale.ROOT, "the Lambda runtime is not in %s: pom.xml copies it "
                + "there in generate-test-resources (mvn -q generate-test-resources)", RUNTIME_DIR));
    }
}
