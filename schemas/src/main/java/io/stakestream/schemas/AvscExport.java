package io.stakestream.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Publishes every schema of the contract as Avro JSON ({@code .avsc}), one self-contained file per
 * named type ({@code io.stakestream.avro.SignedCommand.avsc}), so a client in any language can
 * build records without our generated Java classes. Run by the build after compiling the
 * generated classes: {@code AvscExport <classes dir> <out dir>} writes changed files and removes
 * files of types that no longer exist.
 */
public final class AvscExport {

    private AvscExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AvscExport <classes dir> <out dir>");
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Map<String, String> files = files(Path.of(args[0]));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = out.resolve(f.getKey());
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(f.getValue())) {
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            }
        }
        try (Stream<Path> existing = Files.list(out)) {
            for (Path p : existing.filter(p -> p.toString().endsWith(".avsc")).toList()) {
                if (!files.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
    }

    /** File name -> pretty-printed schema, for every named type generated into {@link AvroTrust#AVRO_PACKAGE}. */
    public static Map<String, String> files(Path classesDir) {
        Map<String, String> out = new TreeMap<>();
        schemas(classesDir).forEach((name, schema) -> out.put(name + ".avsc", schema.toString(true) + "\n"));
        return out;
    }

    /** Full name -> schema of every generated record, enum and fixed. */
    public static Map<String, Schema> schemas(Path classesDir) {
        Path pkg = classesDir.resolve(AvroTrust.AVRO_PACKAGE.replace('.', '/'));
        Map<String, Schema> out = new TreeMap<>();
        try (Stream<Path> classes = Files.list(pkg)) {
            for (Path c : classes.toList()) {
                String file = c.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue; // builders and other nested classes
                }
                Schema schema = classSchema(AvroTrust.AVRO_PACKAGE + "." + file.substring(0, file.length() - ".class".length()));
                if (schema != null) {
                    out.put(schema.getFullName(), schema);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the generated classes in " + pkg, e);
        }
        return out;
    }

    private static Schema classSchema(String className) {
        try {
            Class<?> type = Class.forName(className, false, AvscExport.class.getClassLoader());
            return (Schema) type.getMethod("getClassSchema").invoke(null);
        } catch (NoSuchMethodException e) {
            return null; // a protocol interface: not a type
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the schema of " + className, e);
        }
    }
}
